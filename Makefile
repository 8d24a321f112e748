# The two commands of the README:
#   make book   install what is needed (system packages included) and build the sample book
#   make test   install what is needed and run the tests
VENV := .venv
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: book test system

book: system $(STAMP)
	$(VENV)/bin/paiban build book --output build

test: system $(STAMP)
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/pytest

system:
	@scripts/install-system-packages

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@
