/* store.h — the register in SQLite: migrations, gap-free numbering, entries,
 * original bytes, attachments, quarantine, IMAP state and the audit trail.
 *
 * One struct store per thread. Write operations named store_tx_* must run
 * inside a transaction opened with store_begin (BEGIN IMMEDIATE) so that a
 * registration and everything it causes (events, outbox rows) commit or
 * roll back together. Entries are never deleted or renumbered: triggers in
 * the schema refuse it. */
#ifndef BUREAU_STORE_H
#define BUREAU_STORE_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include "bureau/msg.h"
#include "bureau/rules.h"

struct store;

/* Opens an existing register and migrates it to the current schema.
 * number_format may be NULL ("{year}/{seq:6}"). Refuses (-1, the reason
 * naming the path) a file that does not exist (a typo in `database =` must
 * not start a second register), a database with no schema (never
 * initialised, or a bureau.db copied without its -wal), and one whose
 * counters are behind its entries or whose history, outbox or follow-ups
 * refer to entries it does not hold (numbers would be issued again).
 * Never creates a file. */
int store_open(const char *path, const char *number_format, struct store **out, char **cause);
/* `bureau init`: creates the database when it does not exist, applies the
 * migrations, then as store_open. */
int store_create(const char *path, const char *number_format, struct store **out,
                 char **cause);
/* Closes; a connection that wrote first folds the WAL back into the
 * database file (store_checkpoint), so that bureau.db alone holds the
 * register once the command is done. */
void store_close(struct store *s);
/* A PASSIVE checkpoint: copies what the WAL holds into the database file
 * as far as readers allow, never waits for a lock. *left (may be NULL) is
 * the number of WAL frames not yet copied (0: the file is complete). */
int store_checkpoint(struct store *s, int *left, char **cause);
sqlite3 *store_db(struct store *s);           /* for module-specific queries */
int store_begin(struct store *s, char **cause);  /* BEGIN IMMEDIATE, waits on busy */
int store_commit(struct store *s, char **cause);  /* writes the pending full-text rows, COMMIT */
void store_rollback(struct store *s);
/* 1 when the last failure on this connection passes with time: the disk
 * full, an I/O error, memory, the database busy or locked (SQLite's FULL,
 * IOERR, NOMEM, BUSY, LOCKED), or SQLite rolled the open transaction back
 * by itself; 0 otherwise. Callers answer 1 with "retry later" (exit 75,
 * HTTP 503) and nothing applied. Recorded by the store's own steps and by
 * the rollbacks (before they clear SQLite's error), cleared by
 * store_begin: ask after a failed write, before the next transaction. */
int store_fault_temporary(struct store *s);
/* One message's unit inside an open transaction: SAVEPOINT, RELEASE, and
 * ROLLBACK TO (which also releases). Only one level: they do not nest. */
int store_savepoint(struct store *s, char **cause);
int store_release(struct store *s, char **cause);
void store_rollback_savepoint(struct store *s);
/* Prepared-statement cache: returns a reset statement for sql, prepared once
 * per connection and owned by the store (do not finalize). NULL on error
 * (the reason is in *cause). */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, char **cause);
/* Format a registry number per the configured format. */
void store_format_number(const struct store *s, int year, int64_t seq, char *out, size_t outlen);
/* The same with another format ({year}, {seq}, {seq:N}): departures. */
void store_format_number_as(const char *format, int year, int64_t seq, char *out, size_t outlen);

/* --- originals and de-duplication --------------------------------------- */
/* raw_id of stored original with that SHA-256, or 0 when unknown. */
int64_t store_raw_find(struct store *s, const char *sha256);
/* Store the original bytes (inside a transaction); returns its id. */
int store_tx_raw_put(struct store *s, const char *raw, size_t len, const char *sha256,
                     int64_t *raw_id, char **cause);
/* What became of an original: entry id (>0), or -quarantine id (<0), 0 none. */
int64_t store_raw_outcome(struct store *s, int64_t raw_id);
int store_raw_get(struct store *s, int64_t raw_id, char **data, size_t *len, char **cause);

/* --- IMAP state ---------------------------------------------------------- */
int store_imap_state(struct store *s, const char *account, const char *mailbox,
                     uint32_t *uidvalidity, uint32_t *last_uid);
int store_tx_imap_set_state(struct store *s, const char *account, const char *mailbox,
                            uint32_t uidvalidity, uint32_t last_uid, char **cause);
/* The UIDs in [lo, hi] of a mailbox already handled, ascending by uid,
 * in one read: seen is 1 when registered (or absorbed), 2 when
 * quarantined. *out is malloc'd (NULL when there are none). */
struct store_seen {
    uint32_t uid;
    int seen;
};
int store_imap_seen_range(struct store *s, const char *account, const char *mailbox,
                          uint32_t uidvalidity, uint32_t lo, uint32_t hi,
                          struct store_seen **out, size_t *n, char **cause);
int store_tx_imap_mark_uid(struct store *s, const char *account, const char *mailbox,
                           uint32_t uidvalidity, uint32_t uid, int64_t raw_id, int quarantined,
                           char **cause);

/* --- entries ------------------------------------------------------------- */
struct entry {
    int64_t id;
    char *number;
    int year;
    int64_t seq;
    int64_t received_at;
    int64_t sent_at;
    char *sender_addr, *sender_name, *recipients, *subject, *body;
    char *message_id, *in_reply_to, *refs;
    char *kind, *department, *status;
    int needs_triage;
    int urgent;
    char *due_date;          /* YYYY-MM-DD or NULL */
    char *closure_code;
    char *reply_number;
    char *source;
    int n_attachments;
    int64_t raw_id;
    char *mailbox_account;   /* account the entry came in by, or NULL */
    char *attention;         /* why a clerk must look again (013), or NULL */
    int internal;            /* 1: from one of the commune's departments (014) */
};
void entry_free(struct entry *e);

struct register_input {
    const struct msg *msg;
    int64_t raw_id;
    const char *kind;
    const char *department;
    int needs_triage;
    const char *due_date;      /* may be NULL */
    const char *source;        /* "imap:ACCOUNT/MAILBOX", "stdin", "file:..." */
    const char *account;       /* may be NULL */
    const char *actor;         /* who registered: "system" or a clerk */
    int64_t received_at;       /* 0 = now */
    int internal;              /* from one of the commune's departments */
};

/* Allocates the next number of the year and inserts the entry, its
 * attachments, its search text and a "registered" event, inside the
 * caller's transaction. Fills *out (caller frees with entry_free). */
int store_tx_register(struct store *s, const struct register_input *in, struct entry *out,
                      char **cause);

/* Look up by number: the number as stored, else any form regnum_parse
 * reads (2026/123, 123/2026, [BO 2026/000123], Arabic-Indic digits, "123"
 * for this year); or by numeric id prefixed with '#'. Returns 0, or -1
 * with cause (not found...). */
int store_entry_get(struct store *s, const char *ref, struct entry *out, char **cause);
int store_entry_by_id(struct store *s, int64_t id, struct entry *out, char **cause);

/* For a connection that mostly reads many pages (each of the console's
 * server threads): a page cache of 16 MiB and the database file mapped in
 * memory (mmap_size 256 MiB), so that a page is read without a pread and a
 * copy. 0, or -1 with cause (the connection is then as it was). */
int store_tune_reader(struct store *s, char **cause);

/* Append an event to an entry's history (inside or outside a transaction). */
int store_event(struct store *s, int64_t entry_id, const char *actor, const char *action,
                const char *detail, char **cause);
/* 1 if the entry's history has an event with that action, 0 if not,
 * -1 with cause on a database error. */
int store_entry_has_event(struct store *s, int64_t entry_id, const char *action, char **cause);
/* Update one mutable column (department, kind, status, needs_triage,
 * due_date, closure_code, reply_number, urgent, attention) and record the
 * event (its action is the column's name). */
int store_tx_entry_set(struct store *s, int64_t entry_id, const char *column,
                       const char *value, const char *actor, const char *detail,
                       char **cause);

/* --- quarantine ---------------------------------------------------------- */
int store_tx_quarantine(struct store *s, int64_t raw_id, const char *reason,
                        const char *source, const char *account, int64_t *qid, char **cause);

#endif
