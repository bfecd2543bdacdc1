/*
** bulletin_cache.c — the public bulletin's MP3 (/cong-khai/ban-tin.mp3),
** which anyone may ask for: made at most once per unit, year and content,
** kept in a folder of this server's own, within bounds.
**
** A rendering (espeak-ng, sox, lame) costs up to seconds of work and leaves
** 0.2–20 MB, so an anonymous visitor must not be able to start one for
** nothing or fill the disk:
**  - a unit and year with nothing to say (no published registration of a
**    key cadre in the unit's subtree that year) are refused before any
**    work (bulletin_has_content);
**  - at most LAMTHEO_AUDIO_RENDERS renderings run at once (default 2);
**    beyond, LT_EBUSY (the page answers 503 with Retry-After);
**  - the files live in TMPDIR (else /tmp) under lamtheo-bulletins-PID-XXXXXX,
**    made with mode 0700 on first use and removed at exit; at most
**    LAMTHEO_AUDIO_CACHE_FILES files (default 256) and
**    LAMTHEO_AUDIO_CACHE_BYTES bytes (default 64 MiB), the least recently
**    served going first; a file larger than the byte bound alone is served
**    and not kept.
** A file is named by the SHA-256 of the unit's id, the year and the
** bulletin's text: a change of what is said (a new publication, a renamed
** cadre, a new position) gives a new file, and a change elsewhere keeps it.
** (The indicators' change stamps would miss a rename: a person's name
** bumps none of them, schema version 10, but the bulletin says it aloud.)
*/
#include "pages.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CACHE_KEY 65 /* hex SHA-256 and its NUL */

typedef struct cache_entry {
    char key[CACHE_KEY];
    size_t bytes;
    unsigned long long used;  /* the clock when last served */
} cache_entry;

static struct {
    pthread_mutex_t lock;
    int ready;              /* the folder is made (else it is tried again next time) */
    char dir[600];
    size_t max_bytes, bytes;
    long max_files, nfiles, max_renders, renders;
    unsigned long long clock;
    cache_entry *entries;   /* max_files of them, nfiles used */
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* A bound from the environment variable name, within lo..hi, else dflt. */
static long env_bound(const char *name, long dflt, long lo, long hi) {
    const char *s = getenv(name);
    long v;
    return s && lt_parse_long(s, lo, hi, &v) == 0 ? v : dflt;
}

/* The path of a cache file: the folder, the key, ".mp3" (out: 700 bytes). */
static void cache_path(const char *key, char out[700]) {
    snprintf(out, 700, "%s/%s.mp3", cache.dir, key);
}

/* At exit: every file of the folder (kept, or left by a rendering cut
** short), then the folder. */
static void cache_remove(void) {
    DIR *d = opendir(cache.dir);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL) {
        char path[900];
        if (de->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", cache.dir, de->d_name);
        unlink(path);
    }
    if (d) closedir(d);
    rmdir(cache.dir);
    free(cache.entries);
    cache.entries = NULL;
}

/* Make the folder and read the bounds, once (under the lock). */
static int cache_open(lt_err *e) {
    if (cache.ready) return LT_OK;
    cache.max_bytes = (size_t)env_bound("LAMTHEO_AUDIO_CACHE_BYTES", 64L << 20, 0, 1L << 40);
    cache.max_files = env_bound("LAMTHEO_AUDIO_CACHE_FILES", 256, 0, 100000);
    cache.max_renders = env_bound("LAMTHEO_AUDIO_RENDERS", 2, 1, 64);
    cache.entries = calloc((size_t)cache.max_files + 1, sizeof *cache.entries);
    const char *tmp = getenv("TMPDIR");
    snprintf(cache.dir, sizeof cache.dir, "%s/lamtheo-bulletins-%ld-XXXXXX",
             tmp && *tmp && strlen(tmp) < 400 ? tmp : "/tmp", (long)getpid());
    if (!cache.entries || !mkdtemp(cache.dir)) { /* mkdtemp: mode 0700 */
        free(cache.entries);
        cache.entries = NULL;
        return lt_err_set(e, LT_EIO, "không tạo được thư mục tạm cho bản tin âm thanh",
                          "cannot make the folder for the bulletins' audio");
    }
    atexit(cache_remove);
    cache.ready = 1;
    return LT_OK;
}

/* The entry of key, or -1 (under the lock). */
static long cache_find(const char *key) {
    for (long i = 0; i < cache.nfiles; i++)
        if (strcmp(cache.entries[i].key, key) == 0) return i;
    return -1;
}

/* Remove entry i and its file (under the lock). */
static void cache_drop(long i) {
    char path[700];
    cache_path(cache.entries[i].key, path);
    unlink(path);
    cache.bytes -= cache.entries[i].bytes;
    cache.entries[i] = cache.entries[--cache.nfiles];
}

/* Make room for a file of `bytes`, the least recently served first (under
** the lock); 0 if it cannot be kept at all. */
static int cache_room(size_t bytes) {
    if (bytes > cache.max_bytes || cache.max_files == 0) return 0;
    while (cache.nfiles > 0 && (cache.nfiles >= cache.max_files || cache.bytes + bytes > cache.max_bytes)) {
        long oldest = 0;
        for (long i = 1; i < cache.nfiles; i++)
            if (cache.entries[i].used < cache.entries[oldest].used) oldest = i;
        cache_drop(oldest);
    }
    return 1;
}

/* The largest file read back (the whole district's bulletin is ~20 MB). */
#define CACHE_READ_MAX ((size_t)256 << 20)

/* Append the file at path to out. */
static int cache_read(const char *path, lt_buf *out, lt_err *e) {
    char *data;
    size_t n;
    int rc = lt_read_file(path, CACHE_READ_MAX, &data, &n, e);
    if (rc) return rc;
    if (lt_buf_append(out, data, n)) rc = lt_err_set(e, LT_ENOMEM, "tệp âm thanh quá lớn", "the audio is too large");
    free(data);
    return rc;
}

int bulletin_has_content(lt_ctx *ctx, long long unit_id, int year, int *has, lt_err *e) {
    dom_rows regs;
    if (q_public_registrations(ctx, unit_id, year, &regs, e)) return e->code;
    *has = regs.n > 0;
    rows_free(&regs);
    return LT_OK;
}

/* The key of a bulletin: hex SHA-256 of its unit, year and text. */
static void cache_key(long long unit_id, int year, const lt_buf *script, char key[CACHE_KEY]) {
    crypto_hash_sha256_state st;
    unsigned char h[crypto_hash_sha256_BYTES];
    char head[48];
    int n = snprintf(head, sizeof head, "%lld\n%d\n", unit_id, year);
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)head, (unsigned long long)n);
    crypto_hash_sha256_update(&st, (const unsigned char *)(script->p ? script->p : ""), script->len);
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(key, CACHE_KEY, h, sizeof h);
}

/* If key is in the cache, serve it into out and set *found (under the
** lock). */
static int cache_serve(const char *key, lt_buf *out, int *found, lt_err *e) {
    long i = cache_find(key);
    *found = i >= 0;
    if (i < 0) return LT_OK;
    char path[700];
    cache_path(key, path);
    cache.entries[i].used = ++cache.clock;
    return cache_read(path, out, e);
}

/* After rendering key into the file tmp: keep it if it fits (the least
** recently served out first) and serve it into out; else serve it and
** remove it (under the lock). */
static int cache_keep(const char *key, const char *tmp, lt_buf *out, lt_err *e) {
    struct stat st;
    char path[700];
    int found, rc = cache_serve(key, out, &found, e); /* another asker made it meanwhile */
    if (found || rc) {
        unlink(tmp);
        return rc;
    }
    if (stat(tmp, &st) != 0 || !cache_room((size_t)st.st_size)) {
        rc = cache_read(tmp, out, e);
        unlink(tmp);
        return rc;
    }
    cache_path(key, path);
    if (rename(tmp, path) != 0) {
        unlink(tmp);
        return lt_err_set(e, LT_EIO, "không lưu được bản tin âm thanh: %s", "cannot keep the audio: %s",
                          strerror(errno));
    }
    cache_entry *c = &cache.entries[cache.nfiles++];
    snprintf(c->key, sizeof c->key, "%s", key);
    c->bytes = (size_t)st.st_size;
    c->used = ++cache.clock;
    cache.bytes += c->bytes;
    return cache_read(path, out, e);
}

/* Take a rendering's place (under the lock): 0, or LT_EBUSY when all are
** taken. */
static int cache_take_render(lt_err *e) {
    if (cache.renders < cache.max_renders) {
        cache.renders++;
        return LT_OK;
    }
    return lt_err_set(e, LT_EBUSY, "máy chủ đang đọc các bản tin khác; hãy thử lại sau ít giây",
                      "the server is reading other bulletins; try again in a few seconds");
}

int bulletin_cache_mp3(lt_ctx *ctx, long long unit_id, const char *unit_code, int year, lt_buf *out,
                       lt_err *e) {
    int has = 0;
    if (bulletin_has_content(ctx, unit_id, year, &has, e)) return e->code;
    if (!has)
        return lt_err_set(e, LT_ENOTFOUND, "%s chưa có nội dung đăng ký của cán bộ chủ chốt được công khai "
                          "năm %d, nên chưa có bản tin âm thanh", "%s has no published registration of a "
                          "key cadre in %d, so there is no audio bulletin", unit_code, year);
    lt_buf script;
    lt_buf_init(&script, 0);
    if (bulletin_script(ctx, unit_code, year, 0, &script, e)) { lt_buf_free(&script); return e->code; }
    char key[CACHE_KEY], tmp[700];
    cache_key(unit_id, year, &script, key);
    int found = 0;
    pthread_mutex_lock(&cache.lock);
    int rc = cache_open(e);
    if (rc == LT_OK) rc = cache_serve(key, out, &found, e);
    if (rc == LT_OK && !found) rc = cache_take_render(e);
    pthread_mutex_unlock(&cache.lock);
    if (rc || found) {
        lt_buf_free(&script);
        return rc;
    }
    /* rendered outside the lock, into a name no other asker uses */
    static unsigned long renders_made;
    snprintf(tmp, sizeof tmp, "%s/%s.%lu.part", cache.dir, key,
             __atomic_add_fetch(&renders_made, 1, __ATOMIC_RELAXED));
    rc = bulletin_audio(script.p ? script.p : "", 1, tmp, e);
    lt_buf_free(&script);
    pthread_mutex_lock(&cache.lock);
    cache.renders--;
    if (rc == LT_OK) rc = cache_keep(key, tmp, out, e);
    else unlink(tmp);
    pthread_mutex_unlock(&cache.lock);
    return rc;
}
