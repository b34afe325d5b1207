/* smtp.h — sending one composed message to one recipient over SMTP with
 * libcurl. One struct smtp holds one easy handle that is reused, so the
 * connection (and its EHLO, STARTTLS and AUTH) is reused across messages.
 * Not thread-safe: one struct smtp per thread. */
#ifndef BUREAU_SMTP_H
#define BUREAU_SMTP_H

#include <stdatomic.h>
#include <stddef.h>
#include "bureau/config.h"

struct smtp;

enum smtp_result {
    SMTP_SENT = 0,       /* the server accepted DATA */
    SMTP_TEMPFAIL = 1,   /* 4xx, connection error, timeout, TLS or AUTH trouble */
    SMTP_PERMFAIL = 2,   /* 5xx answer to MAIL, RCPT or DATA: do not retry */
};

/* cfg is copied where needed; it must stay valid for the smtp's life. */
int smtp_new(const struct smtp_config *cfg, struct smtp **out, char **cause);
void smtp_free(struct smtp *s);

/* Send data[0..len) (CRLF, 7-bit, not dot-stuffed: curl does it) from the
 * configured from address to rcpt. Both addresses are validated before
 * anything reaches the wire (an invalid one gives SMTP_PERMFAIL). On a
 * failure *cause holds the reason with the server's code when there was one. */
enum smtp_result smtp_send(struct smtp *s, const char *rcpt, const char *data, size_t len,
                           char **cause);

/* While *halt is set, a transfer in progress (connect, greeting, a reply
 * awaited) is abandoned within a second as SMTP_TEMPFAIL; NULL: never.
 * halt must outlive s. */
void smtp_set_halt(struct smtp *s, atomic_int *halt);

/* The SMTP reply code of the last smtp_send (0 when there was no reply:
 * connection refused, timeout, TLS failure). */
long smtp_last_code(const struct smtp *s);

#endif
