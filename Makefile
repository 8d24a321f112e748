# The two commands of the README:
#   make book   install what is needed (system packages included) and build the sample book
#   make test   install what is needed and run the tests
VENV := .venv
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: book test system system-for-tests bytecode

book: system $(STAMP) bytecode
	$(VENV)/bin/paiban build book --output build

test: system-for-tests $(STAMP) bytecode
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/pytest -n auto

# paiban's modules compiled ahead (only those changed since): an editable install leaves them
# as source, and where PYTHONDONTWRITEBYTECODE is set every paiban process would compile them
# again, some 70 ms of its start.
bytecode: $(STAMP)
	$(VENV)/bin/python -m compileall -q src

system:
	@scripts/install-system-packages

# The tests need Chromium besides.
system-for-tests:
	@scripts/install-system-packages --tests

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@
