# syntax=docker/dockerfile:1
# Teilhabe: API and built frontend in one image. Runs migrations, then serves; PostgreSQL in production.

# --- the single-page app (skipped while frontend/ has no package.json) ---
FROM node:20-bookworm-slim AS frontend
WORKDIR /frontend
COPY frontend/ ./
RUN if [ -f package.json ]; then npm ci --no-audit --no-fund && npm run build; else mkdir -p dist; fi

# --- the Python package and its dependencies, built into a virtualenv ---
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
COPY pyproject.toml README.md ./
COPY api/ api/
RUN /opt/venv/bin/pip install .

# --- runtime: no compilers, no node, a user without privileges ---
FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    TEILHABE_ENVIRONMENT=production \
    TEILHABE_HOST=0.0.0.0 \
    TEILHABE_PORT=8000 \
    TEILHABE_FRONTEND_DIST=/app/frontend/dist
RUN groupadd --system teilhabe && useradd --system --gid teilhabe --home /app --shell /usr/sbin/nologin teilhabe
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY migrations/ migrations/
COPY --from=frontend /frontend/dist frontend/dist
RUN chown -R teilhabe:teilhabe /app
USER teilhabe
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('TEILHABE_PORT', '8000')}/api/v1/health\", timeout=4)"]
# Migrations first: a new image never serves an old schema.
CMD ["sh", "-c", "python -m api migrate && exec python -m api serve --workers ${TEILHABE_WORKERS:-2}"]
