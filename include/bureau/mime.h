/* mime.h — raw RFC 5322 bytes to a struct msg (libetpan underneath).
 *
 * The parser treats its input as hostile. mime_parse runs in the calling
 * process; mime_parse_isolated runs it in a child process so that a crash or
 * a hang of the parser costs only that message. */
#ifndef BUREAU_MIME_H
#define BUREAU_MIME_H

#include "bureau/msg.h"

struct mime_limits {
    size_t max_message_size;  /* bytes; default 25 MiB */
    unsigned max_depth;       /* multipart nesting; default 16 */
    unsigned max_parts;       /* MIME parts in total; default 200 */
    size_t max_header_len;    /* one unfolded header; default 64 KiB */
    size_t max_body_text;     /* decoded text kept; default 2 MiB */
    unsigned timeout_ms;      /* isolated parse wall time; default 10000 */
};

void mime_limits_default(struct mime_limits *l);

enum mime_result {
    MIME_OK = 0,
    MIME_REJECT = -1,   /* input breaks a cap or cannot be parsed: quarantine */
    MIME_CRASH = -2,    /* parser crashed or hung (isolated only): quarantine */
    MIME_SYSERR = -3,   /* fork/pipe/memory trouble: temporary, retry later */
};

/* Parse raw[0..len) into *out (which the caller has msg_init'ed and later
 * msg_free's). On failure *cause holds the reason. raw need not be
 * NUL-terminated and is not kept after return. */
enum mime_result mime_parse(const char *raw, size_t len, const struct mime_limits *lim,
                            struct msg *out, char **cause);

/* Same contract, with the parse done in a forked child. */
enum mime_result mime_parse_isolated(const char *raw, size_t len,
                                     const struct mime_limits *lim, struct msg *out,
                                     char **cause);

#endif
