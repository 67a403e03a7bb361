#!/bin/sh
# Prints the environment that makes the model libraries take another instruction set and thread count
# than this processor's own, so `make test-numeric` checks the numerically sensitive tests a second way:
# on an AVX-512 processor, AVX2 (what most laptops have); elsewhere, plain AVX without FMA.
# CTranslate2: CT2_FORCE_CPU_ISA; PyTorch: ATEN_CPU_CAPABILITY; NumPy: NPY_DISABLE_CPU_FEATURES;
# threads: KIKIGAKI_CORES=4 gives recognition two threads (one on a two-core machine by default).
if grep -q avx512f /proc/cpuinfo 2>/dev/null; then
    echo "CT2_FORCE_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 NPY_DISABLE_CPU_FEATURES=X86_V4 KIKIGAKI_CORES=4 OMP_NUM_THREADS=2"
else
    echo "CT2_FORCE_CPU_ISA=AVX ATEN_CPU_CAPABILITY=default NPY_DISABLE_CPU_FEATURES=X86_V3 KIKIGAKI_CORES=4 OMP_NUM_THREADS=2"
fi
