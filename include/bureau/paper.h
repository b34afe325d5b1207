/* paper.h — letters that arrive on paper or are handed in at the counter,
 * registered by a clerk in the same numbering as mail (service/paper/).
 *
 * A letter becomes an arrival like any other: its sender, subject and the
 * clerk's summary are the entry's, its scans are the attachments of a
 * record (an RFC 5322 message built here and kept as the entry's original
 * bytes), the rules route it unless the clerk chose, the citizen is
 * acknowledged by mail when they gave an address, and the department head
 * gets the routed item. What only a letter has (channel, postal address,
 * date and reference written on it) is kept in paper_letters (024).
 *
 * Ownership: struct paper_letter only borrows (the caller's strings and
 * scan bytes); struct paper_facts owns its strings (paper_facts_free). */
#ifndef BUREAU_PAPER_H
#define BUREAU_PAPER_H

#include <stddef.h>
#include <stdint.h>
#include "bureau/pipeline.h"
#include "bureau/rules.h"
#include "bureau/store.h"
#include "bureau/util.h"

#define PAPER_MAX_NAME 200          /* bytes of the sender's name */
#define PAPER_MAX_SUBJECT 500
#define PAPER_MAX_SUMMARY 20000
#define PAPER_MAX_ADDRESS 500       /* the postal address, several lines */
#define PAPER_MAX_REF 80            /* the letter's own reference */
#define PAPER_MAX_SCANS 20          /* files */
#define PAPER_MAX_SCAN_BYTES (20u * 1024 * 1024)  /* all the scans together */

struct paper_scan {
    const char *name;               /* as uploaded (cleaned here), may be NULL */
    const char *data;
    size_t len;
};

struct paper_letter {
    const char *channel;            /* "counter" (handed in) or "post" */
    const char *sender_name;        /* required */
    const char *sender_email;       /* may be NULL or "": no acknowledgement mail */
    const char *postal_address;     /* may be NULL */
    const char *letter_date;        /* YYYY-MM-DD written on the letter, may be NULL */
    const char *letter_ref;         /* may be NULL */
    const char *subject;            /* required */
    const char *summary;            /* required: the clerk's summary, the entry's text */
    const char *kind;               /* NULL: the rules decide */
    const char *department;         /* NULL: the rules decide */
    const struct paper_scan *scans;
    size_t n_scans;
};

/* The type of a scan from its first bytes: "application/pdf", "image/jpeg",
 * "image/png", "image/tiff" or "image/webp"; NULL for anything else. */
const char *paper_scan_type(const char *data, size_t len);

/* Every field checked (lengths, UTF-8 without control characters, the
 * address, the date not after today, the kind and department known to r,
 * the scans' types and sizes): 0, or -1 with *cause naming the field. */
int paper_check(const struct paper_letter *l, const struct rules *r, char **cause);

/* Check and register l through the pipeline, under p->actor (the clerk):
 * 0 with res->number and res->id, or -1 with res->reason (refused or the
 * database failed: nothing is stored, no number is used). */
int paper_register(struct pipeline *p, const struct paper_letter *l, struct pipe_result *res);

struct paper_facts {
    char *channel, *postal_address, *letter_date, *letter_ref, *registered_by;
};
/* 1 with *f when entry_id is a paper letter, 0 when not, -1 with cause. */
int paper_get(struct store *s, int64_t entry_id, struct paper_facts *f, char **cause);
void paper_facts_free(struct paper_facts *f);

/* The receipt handed to the citizen, in French and Arabic side by side:
 * the number, the date and time received, the kind and its legal deadline,
 * the department, the subject, the letter's date and reference, under the
 * office's name ([bureau] name_fr / name_ar). An HTML
 * fragment (escaped) for a page of the caller's: the console's, or the
 * standalone file of `bureau register --receipt`. */
/* The receipt's style (A4, the two columns side by side, for print and
 * screen): the console serves it with its stylesheet, `bureau receipt`
 * puts it in the page. */
#define PAPER_RECEIPT_CSS                                                                    \
    ".receipt{display:flex;gap:2em;align-items:flex-start;max-width:60em;margin:1em auto;"    \
    "font-family:'Noto Naskh Arabic','Noto Sans','DejaVu Sans',sans-serif}\n"               \
    ".receipt-col{flex:1;border:1px solid #444;padding:1em}\n"                              \
    ".receipt-col h2{font-size:1.1em;margin:0 0 .3em}.receipt-col h3{font-size:1em;"         \
    "margin:0 0 1em;text-transform:uppercase;letter-spacing:.05em}\n"                       \
    ".receipt-col table{border-collapse:collapse;width:100%}\n"                             \
    ".receipt-col th,.receipt-col td{text-align:start;vertical-align:top;padding:.25em .4em;" \
    "border-bottom:1px solid #ccc}.receipt-col th{font-weight:600;width:40%}\n"             \
    ".receipt-note{font-size:.9em;margin-top:1em}\n"                                        \
    "@page{size:A4;margin:15mm}@media print{.noprint{display:none}"                          \
    ".receipt{margin:0;max-width:none}}\n"

struct config;
/* track_url (may be NULL): the citizen's tracking link (track.h), printed
 * on the receipt with a word to keep it private. */
void paper_receipt(struct buf *b, const struct entry *e, const struct paper_facts *f,
                   const struct rules *r, const struct config *cfg, const char *track_url);

/* A fresh tracking link for entry e (track.h), in a transaction of its own;
 * it replaces any earlier one, which then opens nothing. The link
 * (malloc'd), or NULL with *cause (also NULL when no [web] base_url is set:
 * there is no public page to link to). */
char *paper_track_link(struct store *s, const struct config *cfg, const struct entry *e,
                       char **cause);

#endif
