/* departure.h — the departure register (سجل الصادرات): answers and
 * spontaneous letters, drafted, approved (visa), numbered and sent
 * (service/departures/, schema in sql/012_departures.sql).
 *
 * A draft belongs to an entry (or to no entry: a spontaneous letter). Its
 * approval circuit is read from [approval] when it is drafted: none, head,
 * director, or head then director. Each approval is an event with the
 * approver's name; the last one, in one transaction, takes the next
 * departure number of the year (its own counter, gap-free: a draft
 * cancelled or a transaction rolled back takes none), composes the mail for
 * each addressee, keeps its bytes (departure_mails, never changed) and
 * queues it in the outbox, which sends those bytes as they are; the
 * arrivals it answers take the status its closure code implies and its
 * number as reply_number.
 *
 * Who is who: an actor is the name given with --as (or a console user's
 * name). [staff] maps names to addresses. An actor is a head of a
 * department when its name or its [staff] address is among the
 * department's heads in the rules; a director when its name or address is
 * in [approval] directors. Nothing else is trusted.
 *
 * Functions run their own transaction unless named _tx_; they return 0, or
 * -1 with a malloc'd reason in *cause. The pipeline never includes this
 * header: departures are a client of the store and the outbox. */
#ifndef BUREAU_DEPARTURE_H
#define BUREAU_DEPARTURE_H

#include <stddef.h>
#include <stdint.h>

#include "bureau/config.h"
#include "bureau/rules.h"
#include "bureau/store.h"
#include "bureau/templates.h"

#define DEPARTURE_MAX_FILES 10
#define DEPARTURE_MAX_FILE_SIZE (10u * 1024 * 1024)
#define DEPARTURE_MAX_BODY (64u * 1024)
#define DEPARTURE_MAX_SUBJECT 500
#define DEPARTURE_MAX_ALSO 50
#define DEPARTURE_MAX_ADDRESSEES 20

struct departure_ctx {
    struct store *s;
    const struct config *cfg;
    const struct rules *rules;
    const struct templates *tmpl;   /* needs "departure" to send; may be NULL to draft */
};

/* A file to send with the letter (bytes borrowed for the call). */
struct departure_file {
    const char *name;
    const char *content_type;
    const char *data;
    size_t len;
};

struct draft_input {
    int64_t entry_id;               /* 0: a spontaneous letter */
    const int64_t *also;            /* further arrivals the answer closes */
    size_t n_also;
    const char *addressees;         /* comma-separated; NULL: the entry's sender */
    const char *addressee_name;     /* NULL: the entry's sender name */
    const char *department;         /* letters: whose head approves; NULL: entry's */
    const char *subject;            /* NULL: "Réponse / جواب: <entry subject>" */
    const char *body_ar, *body_fr;  /* at least one */
    const char *closure_code;       /* NULL or "answered": answered; else a code */
    const char *template_name;      /* canned answer it came from, or NULL */
    const struct departure_file *files;
    size_t n_files;
    const char *actor;
};

/* The circuit for a kind ("letter" for spontaneous letters): the value of
 * [approval] KIND, else [approval] default, else "head". Static string. */
const char *departure_circuit(const struct config *cfg, const char *kind);

/* Closure codes an answer may carry: "answered", the rejection codes of
 * lifecycle.h, and the refusals of an information request (loi 31-13):
 * "info-exception" (art. 7), "info-not-held". 1 if valid. */
int departure_code_valid(const char *code);
const char *departure_code_list(void);
/* The status an arrival takes for a code: answered or rejected. */
const char *departure_code_status(const char *code);

/* The id of the entry's draft awaiting approval (pending or returned),
 * 0 when there is none, -1 on a database error. */
int64_t departure_pending_draft(struct store *s, int64_t entry_id, char **cause);

int departure_draft_create(const struct departure_ctx *x, const struct draft_input *in,
                           int64_t *draft_id, char **cause);
/* The same inside the caller's transaction (a head's "Réponse :"). */
int departure_tx_draft_create(const struct departure_ctx *x, const struct draft_input *in,
                              int64_t *draft_id, char **cause);
/* New text (NULL keeps a language's body); resets the approvals given. */
int departure_draft_edit(const struct departure_ctx *x, int64_t id, const char *body_ar,
                         const char *body_fr, const char *actor, char **cause);
int departure_draft_return(const struct departure_ctx *x, int64_t id, const char *comment,
                           const char *actor, char **cause);
int departure_draft_cancel(const struct departure_ctx *x, int64_t id, const char *actor,
                           char **cause);
/* One approval by actor for the draft's next step. Returns 0 when more
 * approvals are needed, 1 when it was the last: the departure is numbered
 * (number copied to number[0..len)) and its mail queued. */
int departure_draft_approve(const struct departure_ctx *x, int64_t id, const char *actor,
                            char *number, size_t len, char **cause);

/* Canned answers: templates/replies/NAME.reply (docs/templates.md). */
struct replies;
/* Loads every *.reply of dir; every problem (syntax, unknown variable) is
 * reported as "file:line:col: message" lines in *cause, then -1. */
int replies_load(const char *dir, struct replies **out, char **cause);
void replies_free(struct replies *r);
/* The name of the canned answer for kind and code ("KIND.CODE", else
 * "CODE"), or NULL. Owned by r. */
const char *replies_find(const struct replies *r, const char *kind, const char *code);
/* The code a canned answer declares ("code:" line), or NULL. */
const char *replies_code(const struct replies *r, const char *name);
/* Renders canned answer name for entry e in both languages (malloc'd).
 * A variable used outside a {{#var}} block that has no value for this
 * entry is refused (-1, cause): never a blank in a letter. */
int replies_render(const struct replies *r, const char *name, const struct config *cfg,
                   const struct rules *rules, const struct entry *e, const char *code,
                   char **subject, char **body_ar, char **body_fr, char **cause);

/* The printable registers (HTML with a print stylesheet) for the local
 * dates [from, to] (YYYY-MM-DD), in "ar" (right to left) or "fr". */
int departure_print(struct store *s, const struct config *cfg, const struct rules *rules,
                    const char *which, const char *from, const char *to, const char *lang,
                    struct buf *out, char **cause);

#endif
