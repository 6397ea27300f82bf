/*
 * testsuite/system/echo.c — console input: reads a line from the UART
 * (polling LSR.DR) and prints it back upper-cased, then powers off.
 */
#include "rt.h"

int main(void)
{
    test_name = "echo";
    puts_uart("> ");
    for (;;) {
        while (!(MMIO8(UART + 5) & 1)) {
        }
        char c = (char)MMIO8(UART);
        if (c == '\r' || c == '\n') break;
        putc_uart(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
    puts_uart("\n");
    test_pass(test_name);
}
