/*
 * A stand-in for Windows' bcryptprimitives.dll, for running Go programs
 * under Wine 8 in the smoke test only — never shipped to users.
 *
 * Go 1.22 and later take random bytes from ProcessPrng in
 * bcryptprimitives.dll (present since Windows 10). Debian 12's Wine 8 has
 * no such DLL, so every Go .exe dies at start-up. This DLL exports
 * ProcessPrng and fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), which Wine does implement.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll \
 *        processprng.c processprng.def -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, chunk))
			return FALSE;
		data += chunk;
		len -= chunk;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	(void)inst; (void)reason; (void)reserved;
	return TRUE;
}
