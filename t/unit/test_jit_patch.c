/* Unit tests of the JIT's patcher (src/jit/patch.c): every relocation kind for x86-64 and
 * aarch64 against hand-checked encodings, the range checks at both ends of each range, and
 * the veneers for far helpers. */
#include <check.h>
#include <elf.h>
#include <stdint.h>
#include <string.h>
#include "jit/jit.h"

static uint8_t buf[64];

static uint32_t word(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static void set_word(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static uint64_t pc_of(const uint8_t *p) { return (uintptr_t)p; }

START_TEST(test_x86_abs)
{
    uint64_t v = 0x1122334455667788ull, got;
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, buf, pc_of(buf), R_X86_64_64, v), 0);
    memcpy(&got, buf, 8);
    ck_assert_uint_eq(got, v);

    ck_assert_int_eq(rv_jit_patch(EM_X86_64, buf, pc_of(buf), R_X86_64_32, 0xffffffffu), 0);
    ck_assert_uint_eq(word(buf), 0xffffffffu);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, buf, pc_of(buf), R_X86_64_32, 0x100000000ull), -1);

    /* 32S sign-extends: -1 and INT32_MIN fit, 2^31 does not */
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, buf, pc_of(buf), R_X86_64_32S, (uint64_t)-1), 0);
    ck_assert_uint_eq(word(buf), 0xffffffffu);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, buf, pc_of(buf), R_X86_64_32S,
                                  (uint64_t)(int64_t)INT32_MIN), 0);
    ck_assert_uint_eq(word(buf), 0x80000000u);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, buf, pc_of(buf), R_X86_64_32S, 0x80000000ull), -1);
}
END_TEST

START_TEST(test_x86_rel)
{
    /* the caller passes S + A, A = -4 for a rel32 field: the field holds v - P */
    uint8_t *p = buf + 1;
    uint64_t P = pc_of(p);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, p, P, R_X86_64_PLT32, P + 0x100), 0);
    ck_assert_uint_eq(word(p), 0x100);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, p, P, R_X86_64_PC32, P - 8), 0);
    ck_assert_uint_eq(word(p), (uint32_t)-8);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, p, P, R_X86_64_PLT32, P + 0x7fffffff), 0);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, p, P, R_X86_64_PLT32, P + 0x80000000ull), -1);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, p, P, R_X86_64_PC32, P - 0x80000000ull), 0);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, p, P, R_X86_64_PC32, P - 0x80000001ull), -1);
    ck_assert_int_eq(rv_jit_patch(EM_X86_64, p, P, R_X86_64_GOTPCREL, P), -1);
    ck_assert(rv_jit_is_branch(EM_X86_64, R_X86_64_PLT32));
    ck_assert(!rv_jit_is_branch(EM_X86_64, R_X86_64_64));
}
END_TEST

START_TEST(test_a64_branch)
{
    uint64_t P = pc_of(buf);
    set_word(buf, 0x14000000);                              /* b . */
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_JUMP26, P + 8), 0);
    ck_assert_uint_eq(word(buf), 0x14000002);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_JUMP26, P - 4), 0);
    ck_assert_uint_eq(word(buf), 0x17ffffff);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_JUMP26, P - (1u << 27)), 0);
    ck_assert_uint_eq(word(buf), 0x16000000);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_JUMP26, P + (1u << 27)), -1);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_JUMP26, P + 2), -1);
    set_word(buf, 0x94000000);                              /* bl . */
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_CALL26, P + 4), 0);
    ck_assert_uint_eq(word(buf), 0x94000001);
    set_word(buf, 0x54000001);                              /* b.ne . */
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_CONDBR19, P + 8), 0);
    ck_assert_uint_eq(word(buf), 0x54000041);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_CONDBR19, P - 4), 0);
    ck_assert_uint_eq(word(buf), 0x54ffffe1);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_CONDBR19, P + (1u << 20)), -1);
    ck_assert(rv_jit_is_branch(EM_AARCH64, R_AARCH64_JUMP26));
    ck_assert(!rv_jit_is_branch(EM_AARCH64, R_AARCH64_MOVW_UABS_G0_NC));
}
END_TEST

START_TEST(test_a64_movw)
{
    uint64_t P = pc_of(buf);
    set_word(buf, 0xd2800000);                              /* movz x0, #0 */
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G0, 0x1234), 0);
    ck_assert_uint_eq(word(buf), 0xd2824680);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G0, 0x10000), -1);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G0_NC, 0x12345), 0);
    ck_assert_uint_eq(word(buf), 0xd2800000 | 0x2345u << 5);
    set_word(buf, 0xf2a00000);                              /* movk x0, #0, lsl 16 */
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G1, 0x12345678), 0);
    ck_assert_uint_eq(word(buf), 0xf2a00000 | 0x1234u << 5);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G1, 1ull << 32), -1);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G1_NC, 1ull << 32), 0);
    ck_assert_uint_eq(word(buf), 0xf2a00000);
    set_word(buf, 0xf2c00000);                              /* movk x0, #0, lsl 32 */
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G2, 0x123400000000ull), 0);
    ck_assert_uint_eq(word(buf), 0xf2c00000 | 0x1234u << 5);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G2, 1ull << 48), -1);
    set_word(buf, 0xd2e00000);                              /* movz x0, #0, lsl 48 */
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_MOVW_UABS_G3, 0xabcd000000000000ull), 0);
    ck_assert_uint_eq(word(buf), 0xd2e00000 | 0xabcdu << 5);
    uint64_t v = 0x8877665544332211ull, got;
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_ABS64, v), 0);
    memcpy(&got, buf, 8);
    ck_assert_uint_eq(got, v);
    ck_assert_int_eq(rv_jit_patch(EM_AARCH64, buf, P, R_AARCH64_ADR_PREL_PG_HI21, 0), -1);
    ck_assert_int_eq(rv_jit_patch(62 + 1, buf, P, R_X86_64_64, 0), -1);
}
END_TEST

START_TEST(test_veneers)
{
    uint64_t t = 0x0123456789abcdefull, got;
    static const uint8_t jmp[6] = { 0xff, 0x25, 0, 0, 0, 0 };
    rv_jit_veneer(EM_X86_64, buf, t);
    ck_assert(memcmp(buf, jmp, 6) == 0);
    memcpy(&got, buf + 6, 8);
    ck_assert_uint_eq(got, t);
    rv_jit_veneer(EM_AARCH64, buf, t);
    ck_assert_uint_eq(word(buf), 0x58000050);               /* ldr x16, .+8 */
    ck_assert_uint_eq(word(buf + 4), 0xd61f0200);           /* br x16 */
    memcpy(&got, buf + 8, 8);
    ck_assert_uint_eq(got, t);
}
END_TEST

static Suite *patch_suite(void)
{
    Suite *s = suite_create("jit_patch");
    TCase *t = tcase_create("patch");
    tcase_add_test(t, test_x86_abs);
    tcase_add_test(t, test_x86_rel);
    tcase_add_test(t, test_a64_branch);
    tcase_add_test(t, test_a64_movw);
    tcase_add_test(t, test_veneers);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(patch_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
