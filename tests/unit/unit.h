/*
** unit.h — shared glue for the cmocka unit tests: each test_*.c is its own
** program whose main() runs one group and prints "RESULT passed failed"
** for tests/run.sh to add up.
*/
#ifndef LT_UNIT_H
#define LT_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#define UNIT_MAIN(tests)                                                   \
    int main(void) {                                                       \
        int failed_ = cmocka_run_group_tests(tests, NULL, NULL);           \
        int total_ = (int)(sizeof(tests) / sizeof((tests)[0]));            \
        if (failed_ > total_) failed_ = total_;                            \
        printf("RESULT %d %d\n", total_ - failed_, failed_);               \
        return failed_ ? 1 : 0;                                            \
    }

#endif
