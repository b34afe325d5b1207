/* msg.h — a parsed message: what the MIME module hands to classification,
 * the register and the outbox. All strings are malloc'd, valid UTF-8,
 * NUL-terminated and owned by the struct (free with msg_free). A missing
 * header is NULL, never "". */
#ifndef BUREAU_MSG_H
#define BUREAU_MSG_H

#include <stddef.h>
#include <stdint.h>

struct msg_header {
    char *name;   /* as written, e.g. "Auto-Submitted" */
    char *value;  /* RFC 2047-decoded, unfolded, UTF-8 */
};

struct msg_attachment {
    char *filename;      /* decoded (RFC 2231 / 2047), UTF-8; may be NULL */
    char *content_type;  /* lower case "type/subtype" */
    size_t size;         /* decoded size */
    unsigned char *data; /* decoded bytes (size bytes); NULL in a result of
                            mime_parse_isolated, which sends back only the
                            size and the digest: the original is what is
                            stored, attachments are cut from it on demand */
    char sha256[65];     /* hex SHA-256 of the decoded bytes */
};

struct msg {
    char *subject;
    char *from_addr;     /* bare address "user@host", lower-cased domain */
    char *from_name;     /* display name, decoded */
    char *reply_to;      /* bare address */
    char *to;            /* comma-separated bare addresses */
    char *cc;
    char *return_path;   /* bare address, "" when the header is "<>" */
    char *date_raw;      /* Date header as written */
    int64_t date;        /* Date header as epoch seconds, 0 when absent or bad */
    char *message_id;    /* without angle brackets */
    char *in_reply_to;   /* first id, without angle brackets */
    char *references;    /* space-separated ids, without angle brackets */
    char *body;          /* decoded text (text/plain preferred, else html->text) */
    char *body_charset;  /* charset used to decode the body, lower case */
    int body_from_html;  /* 1 when body was converted from text/html */
    int charset_guessed; /* 1 when the declared charset was overridden */

    struct msg_header *headers;   /* top-level headers, in order */
    size_t n_headers;
    struct msg_attachment *att;
    size_t n_att;

    /* Delivery status notification (multipart/report; report-type=delivery-status) */
    int is_dsn;
    char *dsn_original_id;  /* Message-ID of the message the DSN is about, if found */
    char *dsn_action;       /* "failed", "delayed", ... if found */
};

void msg_init(struct msg *m);
void msg_free(struct msg *m);
/* First header with that name (case-insensitive), or NULL. */
const char *msg_header(const struct msg *m, const char *name);

#endif
