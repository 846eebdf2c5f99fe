-- A turn's commit is ONE batch in ONE round trip: PostgreSQL runs a batch without an explicit transaction as one
-- implicit transaction, and an error in any statement rolls back every statement before it and skips the rest. So a
-- check that must stop the turn (a duplicate delivery of the activity, a stale case version) has to raise on the
-- server, in the statement that detects it, instead of being looked at by the client after the batch has committed.
-- carebot_require(ok, code, message) raises SQLSTATE `code` with `message` when `ok` is false; messages carry
-- positions, never user data (Npgsql redacts DETAIL, and keys may carry user ids). VOLATILE, so it is never folded or
-- skipped.
CREATE FUNCTION carebot_require(p_ok boolean, p_code text, p_message text)
RETURNS boolean
LANGUAGE plpgsql
VOLATILE
AS $$
BEGIN
    IF p_ok IS NOT TRUE THEN
        RAISE EXCEPTION USING ERRCODE = p_code, MESSAGE = p_message;
    END IF;
    RETURN true;
END
$$;
