/* compose.h — building outgoing RFC 5322 messages: validated addresses and
 * header values, RFC 2047 encoded subjects and names, multipart/alternative
 * text + HTML in UTF-8 quoted-printable, an optional original message
 * attached, Date and Message-ID. The output is 7-bit, CRLF line endings,
 * lines under 1000 octets: ready for curl without 8BITMIME. */
#ifndef BUREAU_COMPOSE_H
#define BUREAU_COMPOSE_H

#include <stddef.h>
#include <stdint.h>
#include "bureau/util.h"

#define COMPOSE_MAX_ADDR 254
#define COMPOSE_MAX_HEADER_VALUE 2000      /* UTF-8 bytes of a subject or name */
#define COMPOSE_MAX_MESSAGE (40u * 1024 * 1024)
#define COMPOSE_MAX_REFERENCES 20          /* ids kept in References */

/* 1 if a is a plain ASCII address local@domain that is safe on the SMTP
 * envelope and in a header: no control characters, spaces, quotes, angle
 * brackets or commas, local part <= 64, a dotted domain of letters, digits
 * and hyphens, total <= COMPOSE_MAX_ADDR. */
int compose_addr_valid(const char *a);
/* 1 if v is a message-id (without angle brackets) safe to write back in
 * In-Reply-To/References: printable ASCII, no spaces or <>, one '@'. */
int compose_msgid_valid(const char *v);
/* Copy of s (UTF-8, capped to max bytes on a character boundary) with every
 * control character (CR, LF, NUL, TAB, DEL, C1) replaced by a space and
 * invalid UTF-8 repaired. For text from a message that goes into a header. */
char *compose_header_clean(const char *s, size_t max);

/* RFC 2047 "B" encoding of a UTF-8 header value into out, folded so that no
 * line exceeds 76 octets; plain ASCII values without "=?" are copied as is.
 * prefix_len is how many octets are already on the first line ("Subject: "). */
int compose_encode_header(struct buf *out, const char *value, size_t prefix_len);
/* A mailbox "Name <addr>" with the name RFC 2047-encoded or quoted. */
int compose_mailbox(struct buf *out, const char *name, const char *addr);
/* Quoted-printable (RFC 2045) of UTF-8 text with CRLF line breaks; bare LF
 * and bare CR in the input become CRLF. */
int compose_qp(struct buf *out, const char *s, size_t n);
/* Base64 with CRLF every 76 characters. */
int compose_base64(struct buf *out, const void *p, size_t n);

/* A new Message-ID "<unique@domain>" without the angle brackets, malloc'd.
 * domain is the part after '@' of the from address. */
char *compose_message_id(const char *from_addr);

/* A file sent with a letter (a scanned signed PDF): base64, with its name
 * (RFC 2047 encoded when not plain ASCII) and type. */
struct compose_file {
    const char *name;             /* UTF-8, no control characters */
    const char *content_type;     /* "application/pdf": type/subtype tokens only */
    const void *data;
    size_t len;
};

struct compose_input {
    const char *from_addr;        /* required, valid address */
    const char *from_name;        /* UTF-8, may be NULL */
    const char *to_addr;          /* required, valid address */
    const char *to_name;          /* UTF-8, may be NULL */
    const char *subject;          /* UTF-8, no control characters */
    const char *text;             /* UTF-8 text/plain body, required */
    const char *html;             /* UTF-8 text/html body, may be NULL */
    const char *reply_to;         /* Reply-To address, may be NULL (refused if invalid) */
    const char *in_reply_to;      /* bare id, may be NULL (skipped if invalid) */
    const char *references;       /* space-separated bare ids, may be NULL */
    const char *auto_submitted;   /* "auto-replied", "auto-generated" or NULL */
    const char *attach;           /* original message bytes, may be NULL */
    size_t attach_len;
    const char *attach_name;      /* file name for the attached original */
    int64_t date;                 /* 0 = now */
    const char *message_id;       /* NULL = generate one */
    const struct compose_file *files; /* after the original, may be NULL */
    size_t n_files;
};

/* The encoded body of an attached original, appended to b: base64 lines, or
 * the original with CRLF line ends. -1 past b's cap. The outbox also uses
 * it to put an original back into a row queued before recipes (schema
 * version 5 and 6 rows keep the message without it). */
int compose_attachment_body(struct buf *b, const char *raw, size_t len, int base64);

/* The checks of compose_build on the parties alone (from and to addresses,
 * from, recipient and attachment names), so that a mail composed later is
 * refused now when it would be for them: 0, or -1 with cause. */
int compose_check_parties(const struct compose_input *in, char **cause);

/* Build the message. On success *out (malloc'd, NUL-terminated) holds the
 * bytes, *outlen their count and *message_id the id used (malloc'd, without
 * brackets). An invalid address or header value is refused: -1 with cause
 * naming the field. The original is attached as message/rfc822 when it is
 * 7-bit with lines under 998 octets, otherwise as application/octet-stream
 * in base64 (RFC 2046 forbids base64 for message/rfc822). */
int compose_build(const struct compose_input *in, char **out, size_t *outlen,
                  char **message_id, char **cause);

#endif
