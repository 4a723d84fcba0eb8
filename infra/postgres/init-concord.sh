#!/bin/sh
# Run once by the postgres image, on the first start of an empty data directory (/docker-entrypoint-initdb.d):
# Concord's two roles and its database, as README "Two database roles" sets them up. concord_owner owns the tables
# and runs the migrations (the migrate service); concord_app is what Concord runs as.
set -eu
psql --variable=ON_ERROR_STOP=1 --username="$POSTGRES_USER" --dbname=postgres \
  --set=owner_password="$CONCORD_OWNER_PASSWORD" --set=app_password="$CONCORD_APP_PASSWORD" <<'SQL'
CREATE ROLE concord_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE concord_app LOGIN PASSWORD :'app_password';
-- The owner hands the job queue's schema (pgboss) to concord_app; membership never runs the other way.
GRANT concord_app TO concord_owner;
CREATE DATABASE concord OWNER concord_owner;
REVOKE ALL ON DATABASE concord FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE concord TO concord_app;
SQL
