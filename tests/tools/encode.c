/*
** encode.c — test tool: `encode ENC < utf8 > out` writes standard input in
** a legacy encoding (cp1258, tcvn3, vni) with text_encode, so the
** end-to-end tests can make the files offices send.
*/
#include "../../src/text/text.h"

#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) { fputs("usage: encode ENC < in > out\n", stderr); return 2; }
    text_enc enc = text_enc_parse(argv[1]);
    if (enc == TEXT_ENC_UNKNOWN) { fputs("unknown encoding\n", stderr); return 2; }
    lt_buf in, out;
    lt_buf_init(&in, 1 << 26);
    lt_buf_init(&out, 1 << 27);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        if (lt_buf_append(&in, chunk, n)) { fputs("input too large\n", stderr); return 1; }
    lt_err e = {0};
    if (text_encode(enc, in.p ? in.p : "", in.len, &out, &e)) {
        fprintf(stderr, "encode: %s\n", e.en);
        return 1;
    }
    fwrite(out.p ? out.p : "", 1, out.len, stdout);
    lt_buf_free(&in);
    lt_buf_free(&out);
    return 0;
}
