# The two commands in README.md: `make run` and `make test`. Each sets itself up, from the
# lock files in requirements/ (`make lock` regenerates them after pyproject.toml changes).
.PHONY: run test lint lock bench package screenshots clean-venv

run:
	@bash packaging/bootstrap.sh dev
	@bash packaging/linux/qt-system-libs.sh .venv/bin/python
	@bash packaging/linux/check-display.sh
	.venv/bin/supervisor-app gui --demo

test:
	@bash packaging/bootstrap.sh dev
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest $(PYTEST_ARGS)

lint:
	@bash packaging/bootstrap.sh dev
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	.venv/bin/python packaging/check_lock.py

lock:
	bash packaging/lock.sh

bench:
	@bash packaging/bootstrap.sh dev,bench
	QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/run.py $(GROUPS)

# The desktop bundle: dist/supervisor-console/ (supervisor-console, supervisor-app) and a .tar.gz.
package:
	@bash packaging/bootstrap.sh dev
	bash packaging/build.sh .venv/bin/python

# The user guide's pictures (docs/images/), from a demo database in a temporary folder.
screenshots:
	@bash packaging/bootstrap.sh dev
	@.venv/bin/python -c "import time_machine" 2>/dev/null || .venv/bin/python -m pip install --quiet "time-machine>=2.14"
	QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py

clean-venv:
	rm -rf .venv
