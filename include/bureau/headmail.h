/* headmail.h — acting on a department head's reply (issue 16, items 2-3).
 *
 * The pipeline only queues (headtoken_tx_queue, headtoken.h): a mail that
 * reaches an item's reply address, or a head's reply without a token, is
 * kept with the entry (followups) and left 'pending' in head_mail
 * (sql/020_headmail.sql). headmail_process, run after the pass that
 * registered it (fetch, serve, ingest, `bureau headmail process`), is a
 * client of the store and the outbox: it reads the commands
 * (headcmd_parse), applies them when the mail is allowed to act, and
 * answers the sender. docs/heads.md has the commands with examples.
 *
 * Nothing here runs inside the pipeline's transaction. */
#ifndef BUREAU_HEADMAIL_H
#define BUREAU_HEADMAIL_H

#include <stddef.h>
#include <stdint.h>

#include "bureau/notify.h"
#include "bureau/store.h"

#define HEADCMD_MAX 10            /* commands read from one mail */
#define HEADCMD_MAX_TEXT (16 * 1024) /* a note or an answer */
#define HEADMAIL_MAX_BODY (64 * 1024) /* of a mail's text, what is read */

/* --- the command parser (parse.c): pure, no store --------------------- */

enum headcmd_kind {
    HEADCMD_STATUS,    /* Statut : / الحالة: */
    HEADCMD_REROUTE,   /* Réaffecter : / إعادة التوجيه: / إعادة الإحالة: */
    HEADCMD_NOTE,      /* Note : / ملاحظة: */
    HEADCMD_ANSWER,    /* Réponse : / الجواب: (the rest of the text above the quote) */
};

struct headcmd {
    enum headcmd_kind kind;
    int arabic;        /* the keyword was Arabic */
    char *text;        /* the value as written (trimmed); the answer's text */
    /* HEADCMD_STATUS, when the value was understood: */
    const char *status;  /* lifecycle id, static; NULL: not understood */
    char *code;          /* the closure code after "rejeté", or NULL */
    char *to_body;       /* the body after "transmis", or NULL */
    /* HEADCMD_REROUTE: */
    char *department;    /* as written (an id or a name) */
    char *reason;        /* NULL when none was given */
};

struct headcmds {
    struct headcmd v[HEADCMD_MAX];
    size_t n;
    size_t dropped;    /* command lines past HEADCMD_MAX */
    char *own_text;    /* the text above the quoted part, trimmed ("" when none) */
};

/* Reads the commands of body[0..len) (UTF-8): lines "KEYWORD : value"
 * before the quoted part, which starts at the first line beginning with
 * '>', an attribution line ("Le ... a écrit :", "On ... wrote:", an Arabic
 * "... كتب ...:"), "-----Original Message-----" and the like, or a
 * signature ("-- "). Keywords are matched case-, accent- and
 * hamza-insensitively (norm.h); the colon may be ':', '：', '﹕' with any
 * spaces (no-break ones too) around it. A command line with an unknown
 * keyword is text. Never fails: out is always filled (headcmds_free). */
void headcmd_parse(const char *body, size_t len, struct headcmds *out);
void headcmds_free(struct headcmds *c);
/* Static name of a kind, for logs and mails ("Statut", "Réaffecter"...). */
const char *headcmd_name(enum headcmd_kind k, int arabic);

/* --- acting (act.c) --------------------------------------------------- */

struct headmail_run {
    int accepted;   /* mails acted on */
    int refused;    /* kept with the reason, sender answered */
    int silent;     /* automatic mail: kept, neither acted on nor answered */
};

/* Processes every pending head_mail row, each in its own transaction:
 * commands applied under the head's name, the confirmation or refusal
 * queued in the outbox, the row marked done with its outcome. n->tmpl may
 * be NULL (no [smtp]): the actions are taken, no mail is queued. Returns 0,
 * or -1 with cause on a database error (rows not done stay pending). */
int headmail_process(struct store *s, const struct notify_ctx *n, struct headmail_run *run,
                     char **cause);

#endif
