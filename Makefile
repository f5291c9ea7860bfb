# Two commands do all the set-up on a fresh machine (see README.md):
#   make site   build the site from the sample archive in content/ into site/
#   make test   run the whole test suite, browser tests included
# Both go through nox (noxfile.py), which installs everything the project needs.

PYTHON ?= python3
BOOT := .venv-nox

$(BOOT)/bin/nox:
	$(PYTHON) -m venv $(BOOT)
	$(BOOT)/bin/pip install --quiet --disable-pip-version-check "nox>=2024.4"

.PHONY: site serve test check bench
site: $(BOOT)/bin/nox
	$(BOOT)/bin/nox --reuse-existing-virtualenvs --session site

serve: $(BOOT)/bin/nox
	$(BOOT)/bin/nox --reuse-existing-virtualenvs --session serve

test: $(BOOT)/bin/nox
	$(BOOT)/bin/nox --reuse-existing-virtualenvs --session tests

check: $(BOOT)/bin/nox
	$(BOOT)/bin/nox --reuse-existing-virtualenvs --session check

bench: $(BOOT)/bin/nox
	$(BOOT)/bin/nox --reuse-existing-virtualenvs --session benchmarks
