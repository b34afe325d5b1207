/* address.h — RFC 5322 addresses (section 3.4 with the obsolete forms of
 * 4.4): comments (nested, with quoted pairs), quoted strings, groups,
 * obsolete routes, phrases with dots, empty list elements. The parser is
 * strict: a value it cannot read whole is an error, never a guess, because
 * whatever address bureau acts on must be the one a DMARC verifier and
 * Python's email.headerregistry read (tests/integration/test_from_python.py).
 *
 * Why not libetpan's mailimf_address_list_parse: in 1.9.4 its addr-spec
 * parser takes everything up to the next `> , ( ) : ;` (the grammar for
 * local-part and domain is under #if 0): a quoted local part holding `>`
 * or `,` is cut in two, an addr-spec without `@` is accepted, an obsolete
 * route is not read, and trailing bytes are left unreported.
 *
 * Input is the raw header value (after the colon), folded lines included:
 * CRLF or LF followed by a space or tab is folding white space; any other
 * CR, LF, NUL or control character outside a comment's quoted pair is an
 * error. Comments nest at most ADDRESS_MAX_COMMENT_DEPTH deep. Bytes >= 0x80
 * are allowed in phrases, comments and quoted strings (RFC 6532) and flagged
 * in an address. No recursion: hostile input costs time linear in its
 * length (a few passes at most). */
#ifndef BUREAU_ADDRESS_H
#define BUREAU_ADDRESS_H

#include <stddef.h>

#define ADDRESS_MAX_COMMENT_DEPTH 32
#define ADDRESS_MAX_LIST 1024 /* mailboxes in one header */
#define ADDRESS_MAX_ADDR 254  /* an address longer than this is no sender */

enum {
    ADDRESS_QUOTED_LOCAL = 1 << 0, /* local part is or holds a quoted string */
    ADDRESS_OBS_LOCAL = 1 << 1,    /* local part with CFWS around its dots */
    ADDRESS_LITERAL = 1 << 2,      /* domain literal [1.2.3.4] */
    ADDRESS_OBS_DOMAIN = 1 << 3,   /* domain with CFWS around its dots */
    ADDRESS_ROUTE = 1 << 4,        /* obsolete route <@a,@b:x@y> */
    ADDRESS_IN_GROUP = 1 << 5,     /* member of a group "g: ...;" */
    ADDRESS_8BIT = 1 << 6,         /* byte >= 0x80 in the address */
    ADDRESS_ENCODED = 1 << 7,      /* "=?" in the address (an encoded word) */
    ADDRESS_NO_ANGLE = 1 << 8,     /* bare addr-spec, no <> */
};

struct address {
    char *addr;     /* local@domain, CFWS removed, domain lower-cased; a
                       quoted local part keeps its quotes and escapes */
    char *name;     /* display name: quotes, escapes and comments removed,
                       words joined by one space, RFC 2047 words still
                       encoded; NULL when there is none */
    unsigned flags; /* ADDRESS_* */
};

struct address_list {
    struct address *v; /* n entries, owned */
    size_t n;
    size_t groups; /* number of groups in the list (members are in v) */
};

/* Parse an address-list (From, To, Cc, Reply-To, Sender...). Returns 0 and
 * fills al (free with address_list_free; an empty list has n == 0), or -1
 * with a reason in *cause and al empty. */
int address_list_parse(const char *s, size_t n, struct address_list *al, char **cause);
void address_list_free(struct address_list *al);

/* The one sender a From (or Reply-To) value names, read the way every
 * reader agrees on: exactly one mailbox, no group, local part and domain
 * plain dot-atoms of ASCII (no quoted string, domain literal, route,
 * encoded word or obsolete spacing), at most ADDRESS_MAX_ADDR bytes.
 * Returns 0 with malloc'd *addr and *name (NULL when none; still RFC
 * 2047-encoded), or -1 with the reason in *cause: then the message has no
 * usable sender (registered, never threaded, never acknowledged). */
int address_sender(const char *s, size_t n, char **addr, char **name, char **cause);

/* A Return-Path value: "<>" (or "<" CFWS ">") gives "", a sender as
 * address_sender accepts it gives the address; -1 otherwise. */
int address_return_path(const char *s, size_t n, char **addr, char **cause);

#endif
