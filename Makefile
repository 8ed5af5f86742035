# Set-up and everyday commands. Needs only python3 (3.11+) and make; the rest is installed on demand:
# Python packages into .venv, Debian packages (python3-venv, chromium) with apt-get.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Rebuilt only when the requirements or the project metadata change.
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
WRK := /usr/bin/wrk
# Lighthouse (npm, pinned in package.json/package-lock.json) audits the built site in the tests and benchmarks
LIGHTHOUSE := node_modules/.bin/lighthouse

# The theme prints a long notice about MkDocs 2 on every build; it is not about this site.
export NO_MKDOCS_2_WARNING := 1

# the builder: mkdocs (Material, the primary one) or zensical (its successor): `make build ENGINE=zensical`
ENGINE ?= mkdocs

.PHONY: help .venv serve preview build deploy rollback csp test lint format bench system-deps pdf-deps bench-deps clean

help:
	@echo "make serve   dựng và xem trang tại http://127.0.0.1:8000"
	@echo "make build   dựng trang vào site/ (mkdocs build --strict, rồi chỉ mục tìm kiếm)"
	@echo "make preview xem trước khi sửa trang, tự tải lại (không có ô tìm kiếm)"
	@echo "make deploy TO=máy-chủ:/srv/ban-tin   dựng rồi đưa lên máy chủ thành một bản mới"
	@echo "make rollback TO=máy-chủ:/srv/ban-tin quay lại bản trước trên máy chủ"
	@echo "make test    kiểm tra mã (ruff) và chạy toàn bộ bài kiểm thử (pytest, có Chromium)"
	@echo "make bench   đo thời gian nhập, dựng trang, tìm kiếm và quy mô 10 năm"
	@echo "make .venv   chỉ cài môi trường Python (.venv)"

.venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@if ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
	  if ! $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null; then \
	    echo "Cài python3-venv (Debian) để tạo môi trường ảo…"; \
	    $(APT_GET) update && $(APT_GET) install -y --no-install-recommends python3-venv; \
	  fi; \
	  echo "Tạo môi trường ảo $(VENV)…"; \
	  $(PYTHON) -m venv --clear $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

serve: $(STAMP) pdf-deps
	$(BIN)/python -m scripts.site serve -a 127.0.0.1:8000 --engine $(ENGINE)

# live reload while editing pages (the search box needs `make build` or `make serve`: its index is
# written after the build)
preview: $(STAMP)
	$(BIN)/python -m mkdocs serve -a 127.0.0.1:8000

build: $(STAMP) pdf-deps
	$(BIN)/python -m scripts.site build --engine $(ENGINE)

# A new release on the web server (scripts/hosting/deploy.py), only after a whole build; TO reaches the
# command as an environment variable, never as shell text
export TO
deploy: build
	@if [ -z "$$TO" ]; then echo "Cần TO=máy-chủ:/srv/ban-tin (hoặc một thư mục trên máy này)"; exit 2; fi
	$(BIN)/python -m scripts.hosting.deploy site "$$TO"

rollback: $(STAMP)
	@if [ -z "$$TO" ]; then echo "Cần TO=máy-chủ:/srv/ban-tin (hoặc một thư mục trên máy này)"; exit 2; fi
	$(BIN)/python -m scripts.hosting.deploy --rollback "$$TO"

# The nginx Content-Security-Policy allows the inline scripts of both builders' pages (after a theme or
# builder upgrade: run, then commit deploy/nginx/csp.conf)
csp: $(STAMP) pdf-deps
	$(BIN)/python -m scripts.site build -d .cache/csp/mkdocs --quiet --engine mkdocs
	$(BIN)/python -m scripts.site build -d .cache/csp/zensical --quiet --engine zensical
	$(BIN)/python -m scripts.hosting.csp .cache/csp/mkdocs .cache/csp/zensical

# The build makes each issue's PDF with WeasyPrint (scripts/issue_pdf.py), which sets text with Pango and
# HarfBuzz, in the DejaVu fonts: Debian's libraries, installed when missing
pdf-deps:
	@if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || ! ldconfig -p | grep -q 'libharfbuzz-subset.so.0' \
	    || ! fc-list 2>/dev/null | grep -qi 'DejaVu Serif'; then \
	  echo "Cài Pango, HarfBuzz và phông DejaVu (Debian) cho bản PDF của từng số…"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends \
	    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core; \
	fi

# Headless Chromium for the end-to-end tests comes from Debian, not from a Playwright download.
system-deps: pdf-deps
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "Cài chromium (Debian) cho các bài kiểm thử trên trình duyệt…"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends chromium; \
	fi
	@if [ ! -x $(NGINX) ]; then \
	  echo "Cài nginx (Debian) cho các bài kiểm thử cấu hình máy chủ…"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends nginx; \
	fi

# Node's packages for the tests: Lighthouse, at the version package-lock.json pins
$(LIGHTHOUSE): package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "Cài nodejs và npm (Debian) cho Lighthouse…"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends nodejs npm; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	touch $(LIGHTHOUSE)

# wrk for the load test of `make bench`, Pagefind for the search benchmark
bench-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@if [ ! -x $(WRK) ]; then \
	  echo "Cài wrk (Debian) để đo tải máy chủ…"; \
	  $(APT_GET) update && $(APT_GET) install -y --no-install-recommends wrk; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .

test: $(STAMP) system-deps $(LIGHTHOUSE)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(STAMP) system-deps bench-deps $(LIGHTHOUSE)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.search
	$(BIN)/python -m benchmarks.scale
	$(BIN)/python -m benchmarks.builders
	$(BIN)/python -m benchmarks.load
	$(BIN)/python -m benchmarks.lighthouse

clean:
	rm -rf site .site.releases .pytest_cache .ruff_cache node_modules
