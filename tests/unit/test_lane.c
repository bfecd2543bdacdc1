/*
** test_lane.c — the server's write lane (lane.c): jobs run in the order
** pushed, beside one another on several threads; when it stops, the job
** under way finishes, those still queued are cancelled (run with cancelled
** set, so that their connections are let go) and none is lost; after, a
** push is refused so that the caller answers itself.
*/
#include "unit.h"
#include "../../src/web/web.h"

#include <pthread.h>
#include <semaphore.h>
#include <string.h>
#include <unistd.h>

#define JOBS 32

typedef struct {
    pthread_mutex_t lock;
    int order[JOBS], nrun, ncancelled;
    sem_t gate;  /* the first job waits on it */
    sem_t begun; /* the first job has begun */
} journal;

static journal J;

static void journal_reset(void) {
    memset(&J, 0, sizeof J);
    pthread_mutex_init(&J.lock, NULL);
    sem_init(&J.gate, 0, 0);
    sem_init(&J.begun, 0, 0);
}

static void note(void *arg, int cancelled) {
    pthread_mutex_lock(&J.lock);
    if (cancelled) J.ncancelled++;
    else J.order[J.nrun++] = (int)(intptr_t)arg;
    pthread_mutex_unlock(&J.lock);
}

/* How many jobs have run (not cancelled), waiting up to 5 s for at least want. */
static int runs_reach(int want) {
    int n = 0;
    for (int tries = 0; tries < 5000; tries++) {
        pthread_mutex_lock(&J.lock);
        n = J.nrun;
        pthread_mutex_unlock(&J.lock);
        if (n >= want) break;
        usleep(1000);
    }
    return n;
}

static void held(void *arg, int cancelled) {
    sem_post(&J.begun);
    sem_wait(&J.gate);
    note(arg, cancelled);
}

/* The journal emptied and the lane started on threads. */
static void lane_up(unsigned threads) {
    journal_reset();
    lt_err e = {0};
    assert_int_equal(web_lane_start(threads, &e), LT_OK);
}

/* lane_up, and a job (id) begun that waits on J.gate. */
static void lane_up_holding(unsigned threads, int id) {
    lane_up(threads);
    assert_int_equal(web_lane_push(held, (void *)(intptr_t)id), LT_OK);
    sem_wait(&J.begun);
}

static void *stopper(void *unused) {
    (void)unused;
    web_lane_stop();
    return NULL;
}

/* One thread: every job, in the order pushed. */
static void one_thread_runs_jobs_in_order(void **state) {
    (void)state;
    lane_up(1);
    for (int i = 0; i < JOBS; i++) assert_int_equal(web_lane_push(note, (void *)(intptr_t)i), LT_OK);
    assert_int_equal(runs_reach(JOBS), JOBS);
    web_lane_stop();
    assert_int_equal(J.ncancelled, 0);
    for (int i = 0; i < JOBS; i++) assert_int_equal(J.order[i], i);
}

/* Two threads: a job that waits does not hold back the next (the point of
** more than one). */
static void a_waiting_job_does_not_hold_back_the_next(void **state) {
    (void)state;
    lane_up_holding(2, 100);
    assert_int_equal(web_lane_push(note, (void *)(intptr_t)1), LT_OK);
    assert_int_equal(runs_reach(1), 1); /* while the first still waits */
    pthread_mutex_lock(&J.lock);
    assert_int_equal(J.order[0], 1);
    pthread_mutex_unlock(&J.lock);
    sem_post(&J.gate);
    web_lane_stop();
    assert_int_equal(J.nrun, 2);
    assert_int_equal(J.order[1], 100);
}

/* Stopping: the job under way finishes, the queued ones are cancelled,
** and a push afterwards is refused. */
static void stopping_finishes_one_and_cancels_the_queued(void **state) {
    (void)state;
    lane_up_holding(1, 0);
    for (int i = 1; i < 4; i++) assert_int_equal(web_lane_push(note, (void *)(intptr_t)i), LT_OK);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, stopper, NULL), 0);
    /* stopping has begun once a push is refused (a refused push does nothing) */
    int slipped = 0; /* pushed before the stop began: cancelled like the rest */
    while (web_lane_push(note, (void *)(intptr_t)99) == LT_OK) {
        assert_true(++slipped < 5000);
        usleep(1000);
    }
    sem_post(&J.gate);
    pthread_join(t, NULL);
    assert_int_equal(J.nrun, 1);
    assert_int_equal(J.order[0], 0);
    assert_int_equal(J.ncancelled, 3 + slipped);
    assert_int_equal(web_lane_push(note, NULL), LT_EBUSY);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(one_thread_runs_jobs_in_order),
    cmocka_unit_test(a_waiting_job_does_not_hold_back_the_next),
    cmocka_unit_test(stopping_finishes_one_and_cancels_the_queued),
};

UNIT_MAIN(tests)
