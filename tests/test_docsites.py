"""Docs sites' Markdown (sources/fences.py, sources/docsites.py): a code block's title as Docusaurus and
VitePress write it, printed above the code; Hugo's front matter printed as written; mdBook's, Hugo's and
GitBook's forms, which paiban does not run, warned of at their lines."""

from __future__ import annotations

from pathlib import Path

import pytest

import paiban

from conftest import epub_text, make_book, pdf_page_texts, read_written, warnings_of


def read(tmp_path: Path, text: str):
    return read_written(tmp_path, "a.md", text)


warnings = warnings_of


def test_a_code_blocks_title_is_printed_above_it_in_the_epub_and_the_pdf(tmp_path, caplog):
    """Docusaurus' ```` ```js title="src/app.js" ```` and VitePress' ```` ```sh [npm] ```` lost the file's
    name and the tool's, without a word: the handbook no longer said which file to edit."""
    root = make_book(tmp_path / "book", {"01.md": '# 安装\n\n改配置：\n\n```js title="src/qingniao.config.js"\n'
                                                  "export default { interval: 300 };\n```\n\n"
                                                  "```sh [npm]\nnpm install -g qingniao\n```\n"})
    built = {output.format: output.path for output in paiban.build(root, formats=["epub", "pdf"])}
    xhtml = epub_text(built["epub"])
    assert '<p class="code-title"><code class="keep">src</code>' in xhtml
    assert '<p class="code-title"><code class="keep">npm</code></p>\n<pre><code class="language-sh">' in xhtml
    lines = [line.strip() for line in "".join(pdf_page_texts(built["pdf"])).splitlines() if line.strip()]
    assert lines[lines.index("src/qingniao.config.js") + 1] == "export default { interval: 300 };"
    assert lines[lines.index("npm") + 1] == "npm install -g qingniao"
    assert warnings(caplog) == []


def test_a_title_in_pandocs_attribute_list_is_the_code_blocks_title_too(tmp_path, caplog):
    body = read(tmp_path, '# 题\n\n```{.python #c1 title="tools/run.py"}\nprint(1)\n```\n').body
    assert ('<p class="code-title"><code>tools/run.py</code></p>\n'
            '<pre><code id="c1" class="language-python">print(1)\n</code></pre>') in body
    assert warnings(caplog) == []


def test_what_else_follows_a_code_blocks_language_is_left_out_with_a_warning_at_its_fence(tmp_path, caplog):
    """VitePress' ```` ```ts:line-numbers ```` made the language ``ts:line-numbers``; a highlight's
    ``{1,3}`` and Docusaurus' ``showLineNumbers`` went without a word."""
    body = read(tmp_path, "# 题\n\n```ts:line-numbers {1,3}\nlet a = 1;\n```\n\n"
                          "```js showLineNumbers\nlet b;\n```\n").body
    assert '<pre><code class="language-ts">let a = 1;\n</code></pre>' in body
    assert '<pre><code class="language-js">let b;\n</code></pre>' in body
    path = tmp_path / "a.md"
    assert warnings(caplog) == [
        f"{path}:3: the code block's :line-numbers {{1,3}} after its fence are left out: a fence takes the code's "
        'language, a title printed above the code (title="src/app.js", or [npm]) and Pandoc\'s attribute list '
        "({#id .class lang=en}), nothing more",
        f"{path}:7: the code block's showLineNumbers after its fence is left out: a fence takes the code's "
        'language, a title printed above the code (title="src/app.js", or [npm]) and Pandoc\'s attribute list '
        "({#id .class lang=en}), nothing more"]


def test_a_diagrams_source_is_printed_as_code_with_a_warning_at_its_fence(tmp_path, caplog):
    """A chart Typora or the site drew became lines of code in the book, without a word."""
    body = read(tmp_path, "# 题\n\n流程：\n\n```mermaid\ngraph TD\n  A[开始] --> B[结束]\n```\n\n"
                          "```flow\nst=>start: 开始\n```\n\n```python\nprint(1)\n```\n").body
    assert '<pre><code class="language-mermaid">graph TD\n  A[开始] --&gt; B[结束]\n</code></pre>' in body
    path = tmp_path / "a.md"
    assert warnings(caplog) == [
        f"{path}:{line}: the {language} diagram is printed as its source code: paiban draws no diagrams; draw it as "
        "a picture (an SVG, with the diagram tool's own command) and put the picture in its place"
        for line, language in ((5, "mermaid"), (10, "flow"))]


def test_a_code_block_never_closed_is_a_warning_at_its_fence_saying_how_to_close_it_or_keep_the_line(tmp_path, caplog):
    """A post's ``~~~好开心~~~`` opened a code block (a tilde fence's info string may hold tildes) that ran
    to the article's end: the rest of the post was printed as code, its words lost to a class name,
    and neither the build nor the check said a word."""
    body = read(tmp_path, "# 火锅\n\n~~~好开心~~~\n今天吃了火锅,超级辣!!!\n\n#火锅# 下次还来吗?\n").body
    assert body.startswith('<pre><code class="language-好开心~~~">今天吃了火锅')
    assert warnings(caplog) == [
        f"{tmp_path / 'a.md'}:3: the code block that ~~~好开心~~~ opens is never closed, so the rest of the article "
        "is printed as its code: close it with a line of ~~~ where the code ends, or, if the line is text, put a "
        "backslash before it (\\~~~好开心~~~)"]


@pytest.mark.parametrize("text", ["\\~~~好开心~~~\n今天吃了火锅\n", "```python\nprint(1)\n```", "~~~~\n~~~\n~~~~~\n\n",
                                  "> ~~~\n> 引文\n\n正文。\n", "- ~~~\n  项\n"])
def test_a_code_block_closed_or_ending_with_its_quotation_or_item_is_no_warning(tmp_path, caplog, text):
    read(tmp_path, f"# 题\n\n{text}")
    assert warnings(caplog) == []


def test_a_code_block_closed_by_a_shorter_fence_is_never_closed(tmp_path, caplog):
    read(tmp_path, "# 题\n\n~~~~\nprint(1)\n~~~\n")
    assert [message.split(" is never")[0] for message in warnings(caplog)] == [
        f"{tmp_path / 'a.md'}:3: the code block that ~~~~ opens"]


def test_hugos_front_matter_is_printed_as_written_its_lines_and_quotes_kept(tmp_path):
    """Printed as a paragraph, its lines ran into one and its quotes were curled: title = “配置参考”."""
    body = read(tmp_path, '+++\ntitle = "配置参考"\nweight = 2\n+++\n\n正文。\n').body
    assert body == ('<pre><code class="language-toml">+++\ntitle = "配置参考"\nweight = 2\n+++\n</code></pre>\n'
                    "<p>正文。</p>\n")


def test_mdbooks_include_is_a_warning_that_the_files_text_is_not_in_the_book(tmp_path, caplog):
    """``{{#include example.toml}}``, in the text and in a code block, was printed as typed without a
    word: the file's text was not in the book."""
    body = read(tmp_path, "# 配置\n\n{{#include example.toml}}\n\n```toml\n# 示例\n"
                          "{{#include ../examples/config.toml:5:10}}\n```\n").body
    assert "<p>{{#include example.toml}}</p>" in body
    path = tmp_path / "a.md"
    assert warnings(caplog) == [
        f"{path}:3: '{{{{#include example.toml}}}}' is mdBook's include, printed as typed: paiban includes no file, "
        "so the text of 'example.toml' is not in the book: copy it in, in place of the line",
        f"{path}:7: '{{{{#include ../examples/config.toml:5:10}}}}' is mdBook's include, printed as typed in the "
        "code block: paiban includes no file, so the text of '../examples/config.toml' is not in the book: copy it "
        "in, in place of the line"]


def test_hugos_shortcodes_and_gitbooks_tags_are_printed_as_typed_with_a_warning_at_their_lines(tmp_path, caplog):
    """They were printed as typed without a word, and ``{{<note>}}`` as ``{{}}``, its ``<note>`` read as
    HTML. In code they are shown as typed, unwarned: a guide to Hugo shows them so."""
    body = read(tmp_path, '# 题\n\n{{<note>}}\n注意。\n{{< /note >}}\n\n{% hint style="info" %}\n提示。\n'
                          "{% endhint %}\n\n写 `{{< note >}}` 或\n\n```\n{% if x %}\n```\n").body
    assert "<p>{{&lt;note&gt;}}\n注意。{{&lt; /note &gt;}}</p>" in body  # (no gap after the 。, as after any)
    told = [message.removeprefix(f"{tmp_path / 'a.md'}:") for message in warnings(caplog)]
    assert [message.split(" is ")[0] for message in told] == [
        "3: '{{<note>}}'", "5: '{{< /note >}}'", "7: '{% hint style=\"info\" %}'", "9: '{% endhint %}'"]
    assert told[0].endswith("is a Hugo shortcode, printed as typed (paiban runs none): write what it makes in "
                            "Markdown (a note or a hint as a ::: box … ::: block, its text between them) and remove it")
    assert "is a Liquid tag (GitBook's, Jekyll's), printed as typed" in told[2]


# Forms never closed, a line of them as long as a paragraph may be, and one before a closed form.
UNCLOSED = {"include": ("{{#include ", "{{#include a.toml}}"), "shortcode": ("{{< ", "{{< note >}}"),
            "shortcode with %": ("{{% ", "{{% notice tip %}}"), "Liquid tag": ("{% a", "{% endhint %}")}


@pytest.mark.parametrize("form", UNCLOSED)
def test_forms_never_closed_are_read_once_and_none_runs_on_into_the_next(tmp_path, caplog, form):
    """Each opening never closed was read to its line's end: a line of 20,000 took over a minute,
    growing as its square. One before a closed form ran on to its close, the warning quoting both."""
    opening, closed = UNCLOSED[form]
    read(tmp_path, f"# 题\n\n{opening * (90_000 // len(opening))}\n{opening}{closed}\n")
    assert [message.split(" is ")[0] for message in warnings(caplog)] == [f"{tmp_path / 'a.md'}:4: '{closed}'"]


def test_a_code_blocks_bracket_never_closed_is_left_out_with_the_rest_of_its_fence_and_a_warning(tmp_path, caplog):
    """Its brackets went without a word, and each was read to the fence's end: 20,000 took a second,
    growing as their number's square."""
    body = read(tmp_path, "# 题\n\n```js [npm " + "[" * 99_000 + "\nnpm i\n```\n").body
    assert body == '<pre><code class="language-js">npm i\n</code></pre>\n'
    assert [message.split(" after its fence")[0] for message in warnings(caplog)] == [
        f"{tmp_path / 'a.md'}:3: the code block's [npm {'[' * 99_000}"]
