/* Unit tests of the little-endian accessors (src/interp/le.h): guest memory is little-endian
 * on every host, so the bytes a store leaves and the value a load gives are fixed whatever
 * the host's order; rv_swap_fields does on any host what rv_le_fix does on a big-endian one. */
#include <check.h>
#include <stdint.h>
#include <string.h>
#include "interp/le.h"

START_TEST(stores_leave_little_endian_bytes)
{
    unsigned char b[16] = { 0 };
    rv_st16(b + 1, 0x1122);                     /* unaligned on purpose */
    ck_assert(b[1] == 0x22 && b[2] == 0x11);
    rv_st32(b + 3, 0x11223344u);
    ck_assert(b[3] == 0x44 && b[4] == 0x33 && b[5] == 0x22 && b[6] == 0x11);
    rv_st64(b + 7, 0x1122334455667788ull);
    static const unsigned char want[8] = { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 };
    ck_assert(memcmp(b + 7, want, 8) == 0);
}
END_TEST

START_TEST(loads_read_little_endian_bytes)
{
    static const unsigned char b[9] = { 0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
    ck_assert_uint_eq(rv_ld16(b + 1), 0x0201);
    ck_assert_uint_eq(rv_ld32(b + 1), 0x04030201u);
    ck_assert(rv_ld64(b + 1) == 0x0807060504030201ull);
    /* a value's trip through rv_le* both ways is the value */
    ck_assert(rv_le64(rv_le64(0x0102030405060708ull)) == 0x0102030405060708ull);
    ck_assert_uint_eq(rv_le32(rv_le32(0xdeadbeefu)), 0xdeadbeefu);
    ck_assert_uint_eq(RV_LE_AS(uint8_t, 0xab), 0xab);
    ck_assert_int_eq(RV_LE_AS(int16_t, RV_LE_AS(int16_t, -2)), -2);
}
END_TEST

START_TEST(layouts_swap_each_field)
{
    /* a 2-byte, a skipped 2-byte, a 4-byte and two 8-byte fields, twice */
    unsigned char s[2][24], w[2][24];
    for (int i = 0; i < 24; i++)
        s[0][i] = s[1][i] = (unsigned char)i;
    memcpy(w, s, sizeof w);
    rv_swap_fields(s, "2b48{2}", 24, 2);
    for (int k = 0; k < 2; k++) {
        ck_assert(s[k][0] == 1 && s[k][1] == 0);                /* '2' */
        ck_assert(s[k][2] == 2 && s[k][3] == 3);                /* 'b': two bytes kept */
        ck_assert(s[k][4] == 7 && s[k][7] == 4);                /* '4' */
        ck_assert(s[k][8] == 15 && s[k][15] == 8);              /* '8{2}' */
        ck_assert(s[k][16] == 23 && s[k][23] == 16);
    }
    rv_swap_fields(s, "2b48{2}", 24, 2);                        /* its own inverse */
    ck_assert(memcmp(s, w, sizeof w) == 0);
    /* fields past the structure's size stay; bytes past the layout stay */
    rv_swap_fields(s, "8{9}", 12, 1);
    ck_assert(s[0][0] == 7 && s[0][8] == 8 && s[0][11] == 11);
    rv_swap_fields(s, "8", 12, 1);
    rv_swap_fields(s, "", 24, 1);
    ck_assert(memcmp(s, w, sizeof w) == 0);
    /* rv_le_fix: nothing on a little-endian host, rv_swap_fields on a big-endian one */
    rv_le_fix(s, "4", 4, 1);
    ck_assert_uint_eq(s[0][0], RV_HOST_BE ? 3 : 0);
}
END_TEST

START_TEST(host_order_is_detected)
{
    uint32_t v = 1;
    unsigned char first;
    memcpy(&first, &v, 1);
    ck_assert_int_eq(RV_HOST_BE, first == 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("le");
    TCase *tc = tcase_create("accessors");
    tcase_add_test(tc, stores_leave_little_endian_bytes);
    tcase_add_test(tc, loads_read_little_endian_bytes);
    tcase_add_test(tc, layouts_swap_each_field);
    tcase_add_test(tc, host_order_is_detected);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
