/* Variants of alu.h's operations by where each operand lives: M, the guest register in cpu->x,
 * or P0..P3, one of the four guest registers the block holds in host registers (arguments
 * p0..p3). Writes to a held register go to both, so cpu->x is always current. PIN3/PIN2 call
 * G(name, V, loc...) for every combination, in the order the runtime indexes them (first
 * location slowest, M first); stencils.c makes them functions, jit.c tables. */
#ifndef RV_PIN_H
#define RV_PIN_H

/* three copies: a macro cannot expand itself */
#define PIN_LA(F, ...) F(M, __VA_ARGS__) F(P0, __VA_ARGS__) F(P1, __VA_ARGS__) \
                       F(P2, __VA_ARGS__) F(P3, __VA_ARGS__)
#define PIN_LB(F, ...) F(M, __VA_ARGS__) F(P0, __VA_ARGS__) F(P1, __VA_ARGS__) \
                       F(P2, __VA_ARGS__) F(P3, __VA_ARGS__)
#define PIN_LC(F, ...) F(M, __VA_ARGS__) F(P0, __VA_ARGS__) F(P1, __VA_ARGS__) \
                       F(P2, __VA_ARGS__) F(P3, __VA_ARGS__)

#define PIN3(G, name, V) PIN_LA(PIN3_1, G, name, V)
#define PIN3_1(A, G, name, V) PIN_LB(PIN3_2, G, name, V, A)
#define PIN3_2(B, G, name, V, A) PIN_LC(PIN3_3, G, name, V, A, B)
#define PIN3_3(C, G, name, V, A, B) G(name, V, A, B, C)

#define PIN2(G, name, V) PIN_LA(PIN2_1, G, name, V)
#define PIN2_1(A, G, name, V) PIN_LB(PIN2_2, G, name, V, A)
#define PIN2_2(B, G, name, V, A) G(name, V, A, B)

#endif
