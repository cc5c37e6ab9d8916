/* hello: the startup-time and memory probe of bench/run (not a workload). */
#include <stdio.h>

int main(void)
{
	puts("hello, world");
	return 0;
}
