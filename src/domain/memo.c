/*
** memo.c — lists read over and over, remembered while nothing has
** changed: what is missing (a dashboard's lists cost more than the rest of
** its page: a cell's "not yet registered" reads each of its people), the
** years, a unit's topic, the units of a name, the comments' counts; and
** the parts of pages written from them (a dashboard's body).  Asked
** for again at the same state of the database, they are lent from memory:
** the reader gets the kept list or text itself, read-only, which
** rows_free or memo_text_free gives back.
**
** The state is the audit log's last id: every change of data writes its
** audit row in its own transaction, and audit rows are never removed, so
** two committed states with the same last id are the same state (on
** SQLite, whose writers commit one at a time in the order of their ids;
** PostgreSQL's commit in any order, and there the state is the read's
** snapshot, which names what it sees: db_snapshot_name).  Only
** reads outside a write transaction use the memo (an uncommitted change
** may roll back, and its audit id then name another change).  The day
** and the database file are part of the state too (overdue follow-ups
** depend on the day; tests open several databases in one process).
*/
#include "domain_int.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_SETS 16384              /* each list has its set of MEMO_WAYS places */
#define MEMO_WAYS 4                  /* the least recently used leaves a full set */
#define MEMO_BYTES ((size_t)32 << 20) /* beyond this, nothing more is kept */
#define MEMO_ROWS 1000               /* longer lists are not kept */

/* A kept list or text, shared: readers are handed the list itself, not
** a copy (a dashboard reads eight lists), and the last of the memo and its
** readers to let go of it frees it. */
typedef struct memo_block {
    atomic_int refs; /* the memo's own while kept, and one for each reader */
    dom_rows rows;   /* a list, */
    size_t len;      /* or a text of len bytes (and its NUL) here (rows empty) */
    char text[];
} memo_block;

typedef struct memo_entry {
    memo_block *block; /* NULL: the place is empty */
    unsigned long long gen; /* the state it was kept at: stale unless memo.gen */
    long long root;
    int year, kind;
    long long limit; /* a list's, or a text's variant */
    size_t bytes;
    unsigned long long last_use;
} memo_entry;

static struct {
    char dbfile[4096];
    char today[11];
    long long version;  /* audit's last id (-1 on PostgreSQL) */
    char snap[DB_SNAPSHOT_NAME]; /* PostgreSQL's snapshot ("" on SQLite) */
    unsigned long long gen; /* numbers the states: a new one leaves every entry stale */
    size_t bytes;       /* of the entries kept, stale ones included */
    size_t live_bytes;  /* of those of this state */
    unsigned long long clock;
    memo_entry slots[MEMO_SETS][MEMO_WAYS];
} memo;
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;
static long memo_hits;

void memo_let_go(void *shared) {
    memo_block *b = shared;
    if (atomic_fetch_sub(&b->refs, 1) == 1) {
        rows_free(&b->rows);
        free(b);
    }
}

/* rows as a reader's: the kept list itself, held for them. */
static void memo_lend(memo_block *b, dom_rows *rows) {
    atomic_fetch_add(&b->refs, 1);
    *rows = b->rows;
    rows->shared = b;
}

/* A copy of from in to, its text in one block: a kept list is four
** allocations, whatever its cells, freed at once (often under the lock,
** when a change leaves every list stale).  The bytes it takes with its
** block, or 0 (to empty) when memory ran out. */
static size_t rows_copy(dom_rows *to, const dom_rows *from) {
    size_t cells = (size_t)(from->n * from->ncols), text = 0;
    for (int c = 0; c < from->ncols; c++) text += strlen(from->names[c]) + 1;
    for (size_t i = 0; i < cells; i++) text += strlen(from->cells[i]) + 1;
    *to = (dom_rows){.ncols = from->ncols, .n = from->n,
                     .names = calloc((size_t)(from->ncols ? from->ncols : 1), sizeof *to->names),
                     .cells = calloc(cells ? cells : 1, sizeof *to->cells),
                     .types = malloc(cells ? cells : 1), .text = malloc(text ? text : 1)};
    if (!to->names || !to->cells || !to->types || !to->text) {
        free(to->names), free(to->cells), free(to->types), free(to->text);
        *to = (dom_rows){0};
        return 0;
    }
    if (cells) memcpy(to->types, from->types, cells);
    char *at = to->text;
    for (int c = 0; c < from->ncols; c++) at = stpcpy(to->names[c] = at, from->names[c]) + 1;
    for (size_t i = 0; i < cells; i++) at = stpcpy(to->cells[i] = at, from->cells[i]) + 1;
    return sizeof(memo_block) + (size_t)from->ncols * sizeof(char *) + cells * (sizeof(char *) + 1) + text;
}

static void memo_drop(memo_entry *m) {
    if (!m->block) return;
    memo_let_go(m->block);
    m->block = NULL;
    memo.bytes -= m->bytes;
    if (m->gen == memo.gen) memo.live_bytes -= m->bytes;
}

/* The state the caller reads, in *s: 1 if the memo may serve it. */
typedef struct memo_state { char dbfile[4096], today[11], snap[DB_SNAPSHOT_NAME]; long long version; } memo_state;

static int memo_state_now(lt_ctx *ctx, memo_state *s) {
    if (db_in_write(ctx->db)) return 0;
    const char *fn = db_identity(ctx->db);
    if (!fn || !*fn || strlen(fn) >= sizeof s->dbfile) return 0; /* ("": in memory, not one file) */
    strcpy(s->dbfile, fn);
    lt_today(s->today);
    /* PostgreSQL commits writers in any order: its snapshot names the state */
    int named = db_snapshot_name(ctx->db, s->snap, sizeof s->snap);
    if (named) {
        s->version = -1;
        return named > 0;
    }
    snap_memo *m = db_snapshot_memo(ctx->db, sizeof *m); /* (a page asks several times) */
    if (m && m->have_audit) {
        s->version = m->audit_last;
        return 1;
    }
    s->version = db_int(ctx->db, "SELECT coalesce(max(id), 0) FROM audit", 0, NULL);
    if (m && s->version >= 0) {
        m->audit_last = s->version;
        m->have_audit = 1;
    }
    return s->version >= 0;
}

/* Under memo_lock: 1 if the memo holds the state s (a newer state
** leaves every entry stale first, in one step however many there are:
** during the registration season the state changes with every write; an
** older one, read by a longer transaction, is not served). */
static int memo_at(const memo_state *s) {
    int here = !strcmp(memo.dbfile, s->dbfile) && !strcmp(memo.today, s->today);
    if (here && memo.version == s->version && !strcmp(memo.snap, s->snap)) return 1;
    if (here && s->version >= 0 && s->version < memo.version) return 0;
    memo.gen++;
    memo.live_bytes = 0;
    strcpy(memo.dbfile, s->dbfile);
    strcpy(memo.today, s->today);
    strcpy(memo.snap, s->snap);
    memo.version = s->version;
    return 1;
}

static memo_entry *memo_set(long long root, int year, int kind, long long limit) {
    unsigned long long h = (unsigned long long)root * 0x9E3779B97F4A7C15ull;
    h ^= (unsigned long long)(year * 31 + kind) * 0xC2B2AE3D27D4EB4Full;
    h ^= (unsigned long long)limit * 0xD6E8FEB86659FD93ull; /* (into the high bits the set is taken from) */
    return memo.slots[(h >> 32) % MEMO_SETS];
}

/* The place of the list in its set, or NULL (under memo_lock). */
static memo_entry *memo_find(long long root, int year, int kind, long long limit) {
    memo_entry *set = memo_set(root, year, kind, limit);
    for (int w = 0; w < MEMO_WAYS; w++) {
        memo_entry *m = &set[w];
        if (m->block && m->gen == memo.gen && m->root == root && m->year == year && m->kind == kind &&
            m->limit == limit)
            return m;
    }
    return NULL;
}

/* Under memo_lock at state s: the kept list lent in out (1), or 0. */
static int memo_get(long long root, int year, int kind, int limit, dom_rows *out) {
    memo_entry *m = memo_find(root, year, kind, limit);
    if (!m) return 0;
    m->last_use = ++memo.clock;
    memo_lend(m->block, out);
    memo_hits++;
    return 1;
}

/* Under memo_lock at state s: keep rows (of `bytes`, in block b, which the
** memo holds from now on: 1), else 0. */
static int memo_put(long long root, int year, int kind, long long limit, memo_block *b, size_t bytes) {
    memo_entry *m = memo_find(root, year, kind, limit), *set = memo_set(root, year, kind, limit);
    for (int w = 0; !m && w < MEMO_WAYS; w++) /* else an empty or stale place, else the oldest */
        if (!set[w].block || set[w].gen != memo.gen) m = &set[w];
    if (!m) {
        m = &set[0];
        for (int w = 1; w < MEMO_WAYS; w++)
            if (set[w].last_use < m->last_use) m = &set[w];
    }
    memo_drop(m);
    if (memo.bytes + bytes > MEMO_BYTES && memo.bytes > memo.live_bytes) /* full: the stale ones go */
        for (int i = 0; i < MEMO_SETS; i++)
            for (int w = 0; w < MEMO_WAYS; w++)
                if (memo.slots[i][w].gen != memo.gen) memo_drop(&memo.slots[i][w]);
    if (memo.bytes + bytes > MEMO_BYTES) return 0;
    *m = (memo_entry){b, memo.gen, root, year, kind, limit, bytes, ++memo.clock};
    memo.bytes += bytes;
    memo.live_bytes += bytes;
    return 1;
}

/* memo_rows inside its read snapshot. */
static int rows_in_snapshot(lt_ctx *ctx, long long root, int year, int kind, int limit, memo_reader read,
                            dom_rows *out, lt_err *e) {
    memo_state s;
    if (!memo_state_now(ctx, &s)) return read(ctx, root, year, kind, limit, out, e);
    pthread_mutex_lock(&memo_lock);
    int found = memo_at(&s) && memo_get(root, year, kind, limit, out);
    pthread_mutex_unlock(&memo_lock);
    if (found) return LT_OK;
    int rc = read(ctx, root, year, kind, limit, out, e); /* outside the lock */
    if (rc != LT_OK || out->n > MEMO_ROWS) return rc;
    memo_block *b = malloc(sizeof *b);
    if (b) b->len = 0;
    size_t bytes = b ? rows_copy(&b->rows, out) : 0;
    if (!bytes) { free(b); return LT_OK; } /* not kept: the caller has its own */
    atomic_init(&b->refs, 1);
    pthread_mutex_lock(&memo_lock);
    int kept = memo_at(&s) && memo_put(root, year, kind, limit, b, bytes);
    if (kept) atomic_fetch_add(&b->refs, 1); /* the caller's, while the memo still holds it */
    pthread_mutex_unlock(&memo_lock);
    if (!kept) { rows_free(&b->rows); free(b); return LT_OK; }
    rows_free(out); /* the caller reads the kept copy instead, as a later reader will */
    *out = b->rows;
    out->shared = b;
    return LT_OK;
}

int memo_rows(lt_ctx *ctx, long long root, int year, int kind, int limit, memo_reader read, dom_rows *out,
              lt_err *e) {
    int rc = db_read_begin(ctx->db, e); /* one snapshot: the state and the rows kept for it */
    if (rc) return rc;
    rc = rows_in_snapshot(ctx, root, year, kind, limit, read, out, e);
    db_read_end(ctx->db);
    return rc;
}

/* ---- parts of pages ------------------------------------------------------ */

/* Both inside the caller's read snapshot (a page's, the router's): the
** text is kept for the state its page read, and given only at that state.
** Outside one (or writing) nothing is kept nor given. */
int memo_text_get(lt_ctx *ctx, long long root, int year, int kind, long long variant, memo_text *out) {
    memo_state s;
    *out = (memo_text){0};
    if (!db_snapshot_memo(ctx->db, sizeof(snap_memo)) || !memo_state_now(ctx, &s)) return 0;
    pthread_mutex_lock(&memo_lock);
    memo_entry *m = memo_at(&s) ? memo_find(root, year, kind, variant) : NULL;
    if (m) {
        m->last_use = ++memo.clock;
        atomic_fetch_add(&m->block->refs, 1);
        *out = (memo_text){m->block->text, m->block->len, m->block};
        memo_hits++;
    }
    pthread_mutex_unlock(&memo_lock);
    return m != NULL;
}

void memo_text_put(lt_ctx *ctx, long long root, int year, int kind, long long variant, const char *text,
                   size_t len) {
    memo_state s;
    if (!db_snapshot_memo(ctx->db, sizeof(snap_memo)) || !memo_state_now(ctx, &s)) return;
    memo_block *b = malloc(sizeof *b + len + 1);
    if (!b) return; /* (not kept: written again next time) */
    atomic_init(&b->refs, 1);
    b->rows = (dom_rows){0};
    b->len = len;
    memcpy(b->text, text, len);
    b->text[len] = 0;
    pthread_mutex_lock(&memo_lock);
    int kept = memo_at(&s) && memo_put(root, year, kind, variant, b, sizeof *b + len + 1);
    pthread_mutex_unlock(&memo_lock);
    if (!kept) free(b);
}

void memo_text_free(memo_text *t) {
    if (t->shared) memo_let_go(t->shared);
    *t = (memo_text){0};
}

long memo_hit_count(void) {
    pthread_mutex_lock(&memo_lock);
    long n = memo_hits;
    pthread_mutex_unlock(&memo_lock);
    return n;
}
