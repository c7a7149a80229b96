import { SYSTEM_SCHEMA } from "../model/app-model.ts";

const schema = `"${SYSTEM_SCHEMA}"`;

/** `[+-]digits[.digits][e±digits]`, no NaN/Infinity/underscores (PostgreSQL 16+ would accept those). */
const DECIMAL_PATTERN = String.raw`^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$`;
const DATE_PATTERN = String.raw`^\s*[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}`;
const TIME_PATTERN = String.raw`([T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?\s*([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)?\s*$`;

/**
 * Try-casts used by type conversions: a value that does not convert becomes NULL instead of
 * aborting the migration, and the plan's row checks count those rows beforehand with the same
 * functions. Inputs are matched against strict patterns first so PostgreSQL 15 and later versions
 * (PGlite reports 18) accept exactly the same values, and words like `today` never become dates.
 * Idempotent: the runtime runs it whenever it creates or upgrades the system schema.
 */
export const CAST_FUNCTIONS_SQL = `
CREATE OR REPLACE FUNCTION ${schema}."try_bigint"(value text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  number numeric;
BEGIN
  IF value !~ '${DECIMAL_PATTERN}' THEN RETURN NULL; END IF;
  number := value::numeric;
  IF number <> trunc(number) THEN RETURN NULL; END IF;
  RETURN number::bigint;
EXCEPTION WHEN data_exception THEN
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION ${schema}."try_numeric"(value text, "precision" integer, scale integer)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
DECLARE
  number numeric;
BEGIN
  IF value !~ '${DECIMAL_PATTERN}' THEN RETURN NULL; END IF;
  number := round(value::numeric, scale);
  IF abs(number) >= 10::numeric ^ ("precision" - scale) THEN RETURN NULL; END IF;
  RETURN number;
EXCEPTION WHEN data_exception THEN
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION ${schema}."try_date"(value text) RETURNS date
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $fn$
BEGIN
  IF value !~ '${DATE_PATTERN}\\s*$' THEN RETURN NULL; END IF;
  RETURN value::date;
EXCEPTION WHEN data_exception THEN
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION ${schema}."try_timestamptz"(value text) RETURNS timestamp with time zone
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $fn$
BEGIN
  IF value !~ '${DATE_PATTERN}${TIME_PATTERN}' THEN RETURN NULL; END IF;
  RETURN value::timestamp with time zone;
EXCEPTION WHEN data_exception THEN
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION ${schema}."try_boolean"(value text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
  SELECT CASE lower(btrim(value))
    WHEN 'true' THEN true WHEN 't' THEN true WHEN 'yes' THEN true WHEN '1' THEN true
    WHEN 'false' THEN false WHEN 'f' THEN false WHEN 'no' THEN false WHEN '0' THEN false
  END
$fn$;
`;
