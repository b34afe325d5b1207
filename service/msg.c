/* msg.c — see include/bureau/msg.h */
#include "bureau/msg.h"

#include <stdlib.h>
#include <string.h>

#include "bureau/util.h"

void msg_init(struct msg *m)
{
    memset(m, 0, sizeof(*m));
}

void msg_free(struct msg *m)
{
    if (!m)
        return;
    free(m->subject);
    free(m->from_addr);
    free(m->from_name);
    free(m->reply_to);
    free(m->to);
    free(m->cc);
    free(m->return_path);
    free(m->date_raw);
    free(m->message_id);
    free(m->in_reply_to);
    free(m->references);
    free(m->body);
    free(m->body_charset);
    for (size_t i = 0; i < m->n_headers; i++) {
        free(m->headers[i].name);
        free(m->headers[i].value);
    }
    free(m->headers);
    for (size_t i = 0; i < m->n_att; i++) {
        free(m->att[i].filename);
        free(m->att[i].content_type);
        free(m->att[i].data);
    }
    free(m->att);
    free(m->dsn_original_id);
    free(m->dsn_action);
    msg_init(m);
}

const char *msg_header(const struct msg *m, const char *name)
{
    for (size_t i = 0; i < m->n_headers; i++)
        if (str_casecmp_ascii(m->headers[i].name, name) == 0)
            return m->headers[i].value;
    return NULL;
}
