/*
** pg_cluster.h — the throwaway PostgreSQL cluster (scripts/pg-cluster.sh)
** a unit test's group runs on: started in a folder of its own by the
** group's setup, stopped and removed by its teardown.  A cluster that
** cannot start fails the group (never a skip).
*/
#ifndef LT_UNIT_PG_CLUSTER_H
#define LT_UNIT_PG_CLUSTER_H

#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
    char dir[64];          /* the cluster's folder, "" until made */
    char address[512];     /* as pg-cluster.sh printed it, "" until started */
} cluster;

/* Stop the cluster and remove its folder (pg-cluster.sh removes only a
** folder its start made: an empty one is removed here). */
static int cluster_remove(void) {
    char cmd[128];
    int rc = 0;
    if (!cluster.dir[0]) return 0;
    snprintf(cmd, sizeof cmd, "%s/initdb.log", cluster.dir);
    if (access(cmd, F_OK) == 0) {
        snprintf(cmd, sizeof cmd, "sh scripts/pg-cluster.sh stop %s", cluster.dir);
        rc = system(cmd) == 0 ? 0 : -1;
    } else {
        rc = rmdir(cluster.dir);
    }
    cluster.dir[0] = 0;
    return rc;
}

/* The group's cluster: its address from pg-cluster.sh's one line. */
static int cluster_start(void **state) {
    (void)state;
    snprintf(cluster.dir, sizeof cluster.dir, "/tmp/lt-pg.XXXXXX");
    if (!mkdtemp(cluster.dir)) { cluster.dir[0] = 0; return -1; }
    char cmd[128], line[512] = "";
    snprintf(cmd, sizeof cmd, "sh scripts/pg-cluster.sh start %s", cluster.dir);
    FILE *p = popen(cmd, "r");
    if (p && !fgets(line, sizeof line, p)) line[0] = 0;
    int status = p ? pclose(p) : -1;
    line[strcspn(line, "\n")] = 0;
    if (status != 0 || strncmp(line, "postgresql://", 13)) {
        fprintf(stderr, "the test cluster did not start (%s)\n", line);
        cluster_remove();
        return -1;
    }
    snprintf(cluster.address, sizeof cluster.address, "%s", line);
    return 0;
}

static int cluster_stop(void **state) {
    (void)state;
    return cluster_remove();
}

/* The cluster's address with another database's name ("/postgres?" in
** pg-cluster.sh's address becomes "/NAME?"). */
static void address_of(const char *name, char *out, size_t size) {
    const char *at = strstr(cluster.address, "/postgres?");
    assert_non_null(at);
    snprintf(out, size, "%.*s/%s%s", (int)(at - cluster.address), cluster.address, name,
             at + strlen("/postgres"));
}

#endif
