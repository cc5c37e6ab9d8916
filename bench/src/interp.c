/* interp: a small stack-machine bytecode interpreter (a switch over opcodes, i.e. an
 * indirect jump per bytecode) running a hand-assembled program: the total number of
 * Collatz steps of 1..SIZE, plus a checksum over the trajectory values. */
#include "bench.h"

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, XOR, SHR, LT, EQ, JZ, JNZ, JMP, INC, DUP, POP, HALT };

static int32_t code[256];
static int pc_emit;
static int labels[16], fix_at[32], fix_label[32], nfix;

static void emit(enum op o) { code[pc_emit++] = o; }
static void emit1(enum op o, int32_t arg) { code[pc_emit++] = o; code[pc_emit++] = arg; }
static void emit_jump(enum op o, int label)
{
	code[pc_emit++] = o;
	fix_at[nfix] = pc_emit;
	fix_label[nfix++] = label;
	code[pc_emit++] = 0;
}
static void label(int l) { labels[l] = pc_emit; }

/* Locals: 0 = i, 1 = x, 2 = total steps, 3 = limit, 4 = hash of trajectory values. */
static void assemble(void)
{
	enum { L_OUTER, L_INNER, L_EVEN, L_COUNT, L_NEXT, L_END };
	emit1(PUSH, 1); emit1(STORE, 0);
	emit1(PUSH, 0); emit1(STORE, 2);
	emit1(PUSH, 0); emit1(STORE, 4);
	label(L_OUTER);
	emit1(LOAD, 0); emit1(LOAD, 3); emit(LT); emit_jump(JZ, L_END);
	emit1(LOAD, 0); emit1(STORE, 1);
	label(L_INNER);
	emit1(LOAD, 1); emit1(PUSH, 1); emit(EQ); emit_jump(JNZ, L_NEXT);
	emit1(LOAD, 1); emit1(PUSH, 1); emit(AND); emit_jump(JZ, L_EVEN);
	emit1(LOAD, 1); emit(DUP); emit(ADD); emit1(LOAD, 1); emit(ADD); emit1(PUSH, 1); emit(ADD);
	emit1(STORE, 1); emit_jump(JMP, L_COUNT);
	label(L_EVEN);
	emit1(LOAD, 1); emit1(PUSH, 1); emit(SHR); emit1(STORE, 1);
	label(L_COUNT);
	emit1(INC, 2);
	emit1(LOAD, 4); emit1(PUSH, 31); emit(MUL); emit1(LOAD, 1); emit(XOR); emit1(STORE, 4);
	emit_jump(JMP, L_INNER);
	label(L_NEXT);
	emit1(INC, 0); emit_jump(JMP, L_OUTER);
	label(L_END);
	emit1(LOAD, 2); emit1(LOAD, 4); emit(HALT);
	for (int k = 0; k < nfix; k++)
		code[fix_at[k]] = labels[fix_label[k]];
}

static NOINLINE void run(const int32_t *prog, int64_t *locals, int64_t out[2])
{
	int64_t stack[64];
	int sp = 0, pc = 0;
	for (;;) {
		switch ((enum op)prog[pc++]) {
		case PUSH: stack[sp++] = prog[pc++]; break;
		case LOAD: stack[sp++] = locals[prog[pc++]]; break;
		case STORE: locals[prog[pc++]] = stack[--sp]; break;
		case ADD: sp--; stack[sp - 1] += stack[sp]; break;
		case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
		case MUL: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] * (uint64_t)stack[sp]); break;
		case AND: sp--; stack[sp - 1] &= stack[sp]; break;
		case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
		case SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> stack[sp]); break;
		case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
		case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
		case JZ: if (stack[--sp] == 0) pc = prog[pc]; else pc++; break;
		case JNZ: if (stack[--sp] != 0) pc = prog[pc]; else pc++; break;
		case JMP: pc = prog[pc]; break;
		case INC: locals[prog[pc++]]++; break;
		case DUP: stack[sp] = stack[sp - 1]; sp++; break;
		case POP: sp--; break;
		case HALT: out[0] = stack[sp - 2]; out[1] = stack[sp - 1]; return;
		default: fprintf(stderr, "interp: bad opcode at %d\n", pc - 1); exit(1);
		}
	}
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 300000);
	int64_t locals[8] = { 0 }, out[2];
	assemble();
	locals[3] = n + 1;
	run(code, locals, out);
	bench_result("interp", n, mix64(mix64(MIX_INIT, (uint64_t)out[0]), (uint64_t)out[1]));
	return 0;
}
