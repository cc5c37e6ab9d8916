/* Code that the rv64gc compiler encodes mostly with compressed (RVC) instructions:
 * small functions, many locals, loops over small structs, recursion, function
 * pointers and switch jump tables. Prints the results of each part. */
#include <stdint.h>
#include <stdio.h>

struct pt {
    int x, y;
};
struct node {
    int val;
    struct node *left, *right;
};

static __attribute__((noinline)) int add(int a, int b) { return a + b; }
static __attribute__((noinline)) int sub(int a, int b) { return a - b; }
static __attribute__((noinline)) int mul(int a, int b) { return a * b; }
static __attribute__((noinline)) int band(int a, int b) { return a & b; }
static __attribute__((noinline)) int bor(int a, int b) { return a | b; }
static __attribute__((noinline)) int bxor(int a, int b) { return a ^ b; }
static __attribute__((noinline)) int shl(int a, int b) { return a << (b & 7); }
static __attribute__((noinline)) int shr(int a, int b) { return a >> (b & 7); }

static int (*const ops[])(int, int) = {add, sub, mul, band, bor, bxor, shl, shr};

static __attribute__((noinline)) int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static __attribute__((noinline)) long ack(long m, long n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static __attribute__((noinline)) int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static __attribute__((noinline)) int classify(int c)
{
    switch (c) {
    case 0: return 10;
    case 1: return 21;
    case 2: return 32;
    case 3: return 43;
    case 4: return 54;
    case 5: return 65;
    case 6: return 76;
    case 7: return 87;
    case 8: return 98;
    case 9: return 109;
    case 10: return 7;
    case 11: return 3;
    default: return -1;
    }
}

static __attribute__((noinline)) const char *name(int c)
{
    switch (c & 7) {
    case 0: return "zero";
    case 1: return "one";
    case 2: return "two";
    case 3: return "three";
    case 4: return "four";
    case 5: return "five";
    case 6: return "six";
    default: return "seven";
    }
}

static __attribute__((noinline)) int manhattan(struct pt a, struct pt b)
{
    int dx = a.x - b.x, dy = a.y - b.y;
    if (dx < 0)
        dx = -dx;
    if (dy < 0)
        dy = -dy;
    return dx + dy;
}

static __attribute__((noinline)) struct pt step(struct pt p, int dir)
{
    static const signed char dx[4] = {1, 0, -1, 0}, dy[4] = {0, 1, 0, -1};
    p.x += dx[dir & 3];
    p.y += dy[dir & 3];
    return p;
}

/* Many live locals: forces spills to the stack with c.sdsp/c.ldsp. */
static __attribute__((noinline)) long many_locals(long s)
{
    long a = s + 1, b = s * 3, c = s ^ 5, d = s - 7, e = s << 2, f = s >> 1, g = s | 9, h = s & 0xff;
    long i = a + b, j = c - d, k = e ^ f, l = g + h, m = a * c, n = b - e, o = d + g, p = f ^ h;
    for (int r = 0; r < 10; r++) {
        a += j;
        b ^= k;
        c += l;
        d -= m;
        e += n;
        f ^= o;
        g += p;
        h -= i;
        i += a;
        j ^= b;
        k += c;
        l -= d;
        m += e;
        n ^= f;
        o += g;
        p -= h;
    }
    return a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p;
}

static struct node pool[64];
static int pool_used;

static __attribute__((noinline)) struct node *insert(struct node *t, int v)
{
    if (!t) {
        struct node *n = &pool[pool_used++];
        n->val = v;
        n->left = n->right = 0;
        return n;
    }
    if (v < t->val)
        t->left = insert(t->left, v);
    else
        t->right = insert(t->right, v);
    return t;
}

static __attribute__((noinline)) int depth(const struct node *t)
{
    if (!t)
        return 0;
    int l = depth(t->left), r = depth(t->right);
    return 1 + (l > r ? l : r);
}

static __attribute__((noinline)) void inorder(const struct node *t, int *out, int *n)
{
    if (!t)
        return;
    inorder(t->left, out, n);
    out[(*n)++] = t->val;
    inorder(t->right, out, n);
}

static __attribute__((noinline)) unsigned crc8(const unsigned char *p, int n)
{
    unsigned c = 0;
    for (int i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    }
    return c;
}

static __attribute__((noinline)) void bubble(int *a, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j + 1 < n - i; j++)
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
            }
}

int main(void)
{
    int acc = 0;
    for (int i = 0; i < 64; i++)
        acc = ops[i & 7](acc + i, i + 3) + 1;
    printf("ops acc=%d\n", acc);
    for (int i = 0; i < 8; i++)
        printf("op%d(100,3)=%d ", i, ops[i](100, 3));
    printf("\n");

    printf("fib(20)=%d ack(2,3)=%ld ack(3,3)=%ld gcd=%d,%d\n", fib(20), ack(2, 3), ack(3, 3), gcd(1071, 462),
           gcd(17, 5));

    int sum = 0;
    for (int i = -2; i < 14; i++)
        sum += classify(i) * (i + 3);
    printf("classify sum=%d names:", sum);
    for (int i = 0; i < 10; i++)
        printf(" %s", name(i * 3));
    printf("\n");

    struct pt p = {0, 0}, origin = {0, 0};
    int far = 0;
    for (int i = 0; i < 100; i++) {
        p = step(p, (i * i + i / 3) % 7);
        int d = manhattan(p, origin);
        if (d > far)
            far = d;
    }
    printf("walk end=(%d,%d) farthest=%d\n", p.x, p.y, far);

    printf("many_locals: %ld %ld %ld\n", many_locals(0), many_locals(12345), many_locals(-99));

    struct node *root = 0;
    unsigned seed = 7;
    for (int i = 0; i < 40; i++) {
        seed = seed * 1103515245u + 12345u;
        root = insert(root, (int)(seed >> 16) % 1000);
    }
    int vals[64], nv = 0;
    inorder(root, vals, &nv);
    int sorted = 1;
    for (int i = 1; i < nv; i++)
        sorted &= vals[i - 1] <= vals[i];
    printf("tree n=%d depth=%d sorted=%d min=%d max=%d\n", nv, depth(root), sorted, vals[0], vals[nv - 1]);

    unsigned char bytes[256];
    for (int i = 0; i < 256; i++)
        bytes[i] = (unsigned char)(i * 37 + 11);
    printf("crc8=%02x crc8(\"123456789\")=%02x\n", crc8(bytes, 256), crc8((const unsigned char *)"123456789", 9));

    int arr[20];
    for (int i = 0; i < 20; i++)
        arr[i] = (i * 7919) % 23 - 11;
    bubble(arr, 20);
    printf("bubble:");
    for (int i = 0; i < 20; i++)
        printf(" %d", arr[i]);
    printf("\n");
    return 0;
}
