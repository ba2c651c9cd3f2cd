# Windows deliverables of 党建工作台, built on Debian (see docs/windows.md).
# The everyday Linux scripts stay in scripts/ (run, test, bench) and .ci/run.
#
#   make windows            dist/dangjian-setup-VERSION.exe, dist/dangjian-portable-VERSION.zip,
#                           dist/dangjian-VERSION.exe, dist/dangjian-cli-VERSION.exe, SHA256SUMS
#                           (signed when DANGJIAN_SIGN_CERT / DANGJIAN_SIGN_PASS are set)
#   make windows-smoke      make windows, then test it all under Wine + Xvfb
#   make windows-sign-test  build signed with a throw-away self-signed certificate and verify
#   make windows-clean      remove build/windows*, and dist/
#
# Each target installs the Debian packages it needs when they are missing.

.PHONY: help windows windows-smoke windows-sign-test windows-clean

help:
	@sed -n 's/^#   //p' Makefile

windows:
	packaging/windows/build.sh

windows-smoke: windows
	packaging/windows/smoke.sh

windows-sign-test:
	packaging/windows/sign-test.sh

windows-clean:
	rm -rf build/windows build/windows-smoke build/windows-sign-test dist
