/* fname.h — attachment names as shown and as saved.
 *
 * The register keeps an attachment's name as the message gave it (decoded,
 * valid UTF-8): the evidence is not rewritten. Wherever a name is shown
 * (show, parse, JSON) or used to create a file (`bureau attachments`), it
 * goes through fname_clean first, so that no invisible or direction-changing
 * character can disguise it ("evil<U+202E>txt.exe" reads "evilexe.txt"). */
#ifndef BUREAU_FNAME_H
#define BUREAU_FNAME_H

/* The name with every character that is not seen for what it is replaced
 * by '_': controls (Cc, C1 included), format characters (Cf: the bidi
 * controls U+200E/F, U+202A-E, U+2066-9 and U+061C, the zero-width
 * characters U+200B-D and U+2060, U+FEFF, the soft hyphen, ...), the line
 * and paragraph separators (Zl, Zp), and invalid UTF-8. White space (Zs) at
 * either end and dots at the end are removed. Returns a new string, or NULL
 * when name is NULL or nothing is left. */
char *fname_clean(const char *name);

/* A name to create a file with: "NN-" (idx, two digits at least) and the
 * last path component ('/' or '\\') of fname_clean(name), its leading dots
 * and spaces removed, ':' replaced by '_', at most 255 bytes (never cutting
 * a UTF-8 sequence) and again without trailing dots or spaces;
 * "NN-attachment.bin" when nothing is left. Newly allocated. */
char *fname_safe_file(int idx, const char *name);

struct json;

/* The JSON members for a name: "filename" (fname_clean's, or null) and,
 * only when it differs, "filename_original" (the name as the register keeps
 * it, escaped as JSON escapes every string). */
void fname_json(struct json *j, const char *name);

#endif
