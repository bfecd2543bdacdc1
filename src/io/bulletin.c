/*
** bulletin.c — the loudspeaker bulletin: for the unit and each of its
** communes (one broadcast station each), an opening, every key cadre's
** published commitments as spoken sentences, and a closing; numbers,
** dates and abbreviations written out as they are read.  Audio comes from
** espeak-ng's Vietnamese voice run as a separate program (it is GPL-3 and
** stays out of our binary), normalised with sox, MP3 by lame.  Only
** published registrations ever enter a bulletin.
*/
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The largest audio file kept (some four hours of WAV at 22,050 Hz). */
#define BULLETIN_MAX_AUDIO ((size_t)1 << 30)

static const char *const ordinals[] = {"thứ nhất", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu",
                                       "thứ bảy", "thứ tám", "thứ chín", "thứ mười"};

/* The place a station is named after: "Đảng bộ xã Tân Thiềng" -> "xã Tân Thiềng". */
static const char *station_place(const char *unit_name) {
    static const char *const prefixes[] = {"Đảng bộ ", "Huyện ủy ", "Tỉnh ủy ", "Chi bộ "};
    for (unsigned i = 0; i < LT_ARRAY_LEN(prefixes); i++)
        if (strncmp(unit_name, prefixes[i], strlen(prefixes[i])) == 0) {
            const char *rest = unit_name + strlen(prefixes[i]);
            return i == 1 ? unit_name : rest;
        }
    return unit_name;
}

/* One station's script: its key cadres' published commitments for year. */
static int station(lt_ctx *ctx, long long unit_id, const char *unit_name, int year, int only_own,
                   lt_buf *text, lt_err *e) {
    dom_rows regs;
    if (q_public_registrations(ctx, unit_id, year, &regs, e)) return e->code;
    lt_buf_printf(text, "Đài truyền thanh %s.\n\nKính thưa bà con nhân dân. Thực hiện Chỉ thị 05-CT/TW về đẩy "
                        "mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, Đài xin thông tin nội "
                        "dung đăng ký làm theo năm %d của cán bộ chủ chốt.\n\n", station_place(unit_name), year);
    int said = 0;
    for (long i = 0; i < regs.n; i++) {
        if (only_own && strcmp(rows_get(&regs, i, "unit_name"), unit_name) != 0) continue;
        dom_rows items;
        if (q_registration_items(ctx, rows_int(&regs, i, "id"), &items, e)) { rows_free(&regs); return e->code; }
        lt_buf_printf(text, "Đồng chí %s, %s, %s, đăng ký: ", rows_get(&regs, i, "full_name"),
                      rows_get(&regs, i, "position"), rows_get(&regs, i, "unit_name"));
        for (long k = 0; k < items.n; k++) {
            lt_buf_printf(text, "%s%s, %s", k ? "; " : "", ordinals[k % 10], rows_get(&items, k, "body"));
            if (*rows_get(&items, k, "deadline"))
                lt_buf_printf(text, ", hoàn thành trước %s", rows_get(&items, k, "deadline"));
        }
        lt_buf_puts(text, ".\n\n");
        rows_free(&items);
        said++;
    }
    rows_free(&regs);
    if (!said) lt_buf_puts(text, "Năm nay chưa có nội dung đăng ký được công khai.\n\n");
    lt_buf_puts(text, "Bản tin đến đây là hết. Cảm ơn bà con đã lắng nghe.\n\n");
    return LT_OK;
}

int bulletin_script(lt_ctx *ctx, const char *unit_code, int year, lt_buf *out, lt_err *e) {
    const ind_result *r;
    long idx;
    if (report_result(ctx, unit_code, year, year, &r, &idx, e)) return e->code;
    lt_buf text;
    lt_buf_init(&text, 0);
    /* the unit's own station: its own people and those of its non-commune units */
    const unit_node *u = &r->tree.nodes[idx];
    int rc = station(ctx, u->id, u->name, year, 1, &text, e);
    for (long c = u->first_child; rc == LT_OK && c >= 0; c = r->tree.nodes[c].next_sibling) {
        if (strcmp(r->tree.nodes[c].kind, "grassroots_committee") != 0) {
            /* agencies and cells under the unit speak on the unit's station */
            continue;
        }
        lt_buf_puts(&text, "---\n\n");
        rc = station(ctx, r->tree.nodes[c].id, r->tree.nodes[c].name, year, 0, &text, e);
    }
    ind_release(r);
    /* controls older versions stored are neither read out nor printed */
    lt_buf clean;
    lt_buf_init(&clean, 0);
    if (rc == LT_OK && text_clean(text.p ? text.p : "", text.len, " ", &clean))
        rc = lt_err_set(e, LT_ENOMEM, "hết bộ nhớ", "out of memory");
    if (rc == LT_OK) speech_text(clean.p ? clean.p : "", out);
    lt_buf_free(&clean);
    lt_buf_free(&text);
    return rc;
}

/* Run argv[0] (from PATH) with argv, its output discarded; 0 on success. */
static int run(char *const argv[], lt_err *e) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err)
        return lt_err_set(e, LT_EIO, "không chạy được %s (hãy cài gói %s): %s",
                          "cannot run %s (install the %s package): %s", argv[0], argv[0], strerror(err));
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return lt_err_set(e, LT_EIO, "%s thất bại", "%s failed", argv[0]);
    return LT_OK;
}

int bulletin_audio(const char *script, int mp3, const char *out_path, lt_err *e) {
    char dir[] = "/tmp/lamtheo-audio-XXXXXX";
    if (!mkdtemp(dir)) return lt_err_set(e, LT_EIO, "không tạo được thư mục tạm", "cannot create a temporary folder");
    char txt[64], raw[64], norm[64];
    snprintf(txt, sizeof txt, "%s/script.txt", dir);
    snprintf(raw, sizeof raw, "%s/raw.wav", dir);
    snprintf(norm, sizeof norm, "%s/norm.wav", dir);
    FILE *f = fopen(txt, "w");
    int ok = f && fputs(script, f) >= 0;
    if (f && fclose(f) != 0) ok = 0;
    int rc = ok ? LT_OK : lt_err_set(e, LT_EIO, "không ghi được %s", "cannot write %s", txt);
    char *espeak[] = {"espeak-ng", "-v", "vi", "-s", "140", "-g", "4", "-w", raw, "-f", txt, NULL};
    char *sox[] = {"sox", raw, "-r", "22050", "-c", "1", norm, "norm", "-3", NULL};
    if (rc == LT_OK) rc = run(espeak, e);
    if (rc == LT_OK) rc = run(sox, e);
    char final[64];
    snprintf(final, sizeof final, "%s/out.%s", dir, mp3 ? "mp3" : "wav");
    if (rc == LT_OK && mp3) {
        char *lame[] = {"lame", "--quiet", "-V", "6", norm, final, NULL};
        rc = run(lame, e);
    } else if (rc == LT_OK) {
        rc = rename(norm, final) == 0 ? LT_OK : lt_err_set(e, LT_EIO, "không ghi được", "cannot write");
    }
    /* out_path is written as every output file is (core.h): whole, or in
    ** place for a device or a pipe, never replacing one */
    char *audio = NULL;
    size_t n = 0;
    if (rc == LT_OK) rc = lt_read_file(final, BULLETIN_MAX_AUDIO, &audio, &n, e);
    if (rc == LT_OK) rc = lt_write_file(out_path, audio, n, e);
    free(audio);
    unlink(txt);
    unlink(raw);
    unlink(norm);
    unlink(final);
    rmdir(dir);
    return rc;
}
