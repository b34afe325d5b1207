-- 022_web.sql — the console's accounts, sessions and login attempts
-- (issue 14, items 2-3; include/bureau/account.h). An account is never
-- deleted: its display name is the actor of the events it caused, so it is
-- disabled instead. Every change to an account is a row of account_events,
-- which is never altered or deleted. Sessions keep only the hash of the
-- cookie's value.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE
        CHECK (length(login) BETWEEN 1 AND 64 AND login NOT GLOB '*[^a-z0-9._-]*'),
    display_name TEXT NOT NULL UNIQUE,  -- the actor recorded in entries' history
    pw_hash TEXT NOT NULL,              -- crypto_pwhash_str (argon2id)
    role TEXT NOT NULL CHECK (role IN ('none', 'clerk', 'head', 'director')),
    admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('ar', 'fr')),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at INTEGER NOT NULL,
    pw_changed_at INTEGER NOT NULL,
    last_seen_queues INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER users_no_delete BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'accounts are never deleted (disable them)'); END;
CREATE TRIGGER users_no_rename BEFORE UPDATE OF id, login, created_at ON users
BEGIN SELECT RAISE(ABORT, 'an account keeps its login'); END;

-- a head's departments (rule department ids)
CREATE TABLE user_departments (
    user_id INTEGER NOT NULL REFERENCES users(id),
    department TEXT NOT NULL,
    PRIMARY KEY (user_id, department)
) WITHOUT ROWID;

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    id_hash TEXT NOT NULL UNIQUE,       -- hex BLAKE2b-256 of the cookie's 32 random bytes
    csrf TEXT NOT NULL,                 -- 64 hex digits (32 random bytes)
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    address TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,                -- as normalised (lower case), '?' when no valid login
    address TEXT NOT NULL,
    at INTEGER NOT NULL,
    ok INTEGER NOT NULL
);
CREATE INDEX login_attempts_login ON login_attempts(login, at);
CREATE INDEX login_attempts_address ON login_attempts(address, at);

CREATE TABLE account_events (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,               -- add, passwd, disable, enable, role
    detail TEXT
);
CREATE INDEX account_events_user ON account_events(user_id);
CREATE TRIGGER account_events_no_delete BEFORE DELETE ON account_events
BEGIN SELECT RAISE(ABORT, 'account history is never deleted'); END;
CREATE TRIGGER account_events_no_update BEFORE UPDATE ON account_events
BEGIN SELECT RAISE(ABORT, 'account history is never altered'); END;
