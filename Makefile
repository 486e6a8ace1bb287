# The two commands of the README: `make run` and `make test`.
export UV_PYTHON_DOWNLOADS := never

.PHONY: run test install system-packages migrate seed lint check-deploy

run: install migrate seed
	@echo
	@echo "Trellis is starting on http://127.0.0.1:8000/ (web, Celery worker and beat)."
	@echo "Demo logins are listed above and in README.md. Ctrl-C stops all three."
	@echo
	uv run honcho --procfile Procfile start

install:
	@scripts/bootstrap.sh

system-packages:
	@scripts/install-system-packages.sh

migrate:
	uv run python manage.py migrate --noinput -v 0

seed:
	uv run python manage.py seed_demo

# The whole suite, against throwaway PostgreSQL and Redis servers.
test: install system-packages
	scripts/with-services.sh uv run pytest $(PYTEST_ARGS)

lint:
	uv run ruff check .

check-deploy:
	DJANGO_ENV=production DJANGO_SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=trellis.example EMAIL_URL=smtp://mail.example:587 \
	TRELLIS_ENCRYPTION_KEYS=$$(uv run python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
	uv run python manage.py check --deploy --fail-level WARNING
