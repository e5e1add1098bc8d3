#!/usr/bin/env bash
# the seed 004 grid as a shell loop of vecnn train runs, one after another on 2 threads
cd /work/main
start=$(date +%s.%N)
./vecnn train --epochs 60 --hidden 128:tanh --l1 0 --l2 0 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-0.log 2>&1
./vecnn train --epochs 60 --hidden 128:tanh --l1 0 --l2 0 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-1.log 2>&1
./vecnn train --epochs 60 --hidden 128:tanh --l1 0.0001 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-2.log 2>&1
./vecnn train --epochs 60 --hidden 128:tanh --l1 0.0001 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-3.log 2>&1
./vecnn train --epochs 60 --hidden 128:tanh --l2 0.0001 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-4.log 2>&1
./vecnn train --epochs 60 --hidden 128:tanh --l2 0.0001 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-5.log 2>&1
./vecnn train --epochs 60 --hidden 128:sigmoid --l1 0 --l2 0 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-6.log 2>&1
./vecnn train --epochs 60 --hidden 128:sigmoid --l1 0 --l2 0 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-7.log 2>&1
./vecnn train --epochs 60 --hidden 128:sigmoid --l1 0.0001 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-8.log 2>&1
./vecnn train --epochs 60 --hidden 128:sigmoid --l1 0.0001 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-9.log 2>&1
./vecnn train --epochs 60 --hidden 128:sigmoid --l2 0.0001 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-10.log 2>&1
./vecnn train --epochs 60 --hidden 128:sigmoid --l2 0.0001 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-11.log 2>&1
./vecnn train --epochs 60 --hidden 128:relu --l1 0 --l2 0 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-12.log 2>&1
./vecnn train --epochs 60 --hidden 128:relu --l1 0 --l2 0 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-13.log 2>&1
./vecnn train --epochs 60 --hidden 128:relu --l1 0.0001 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-14.log 2>&1
./vecnn train --epochs 60 --hidden 128:relu --l1 0.0001 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-15.log 2>&1
./vecnn train --epochs 60 --hidden 128:relu --l2 0.0001 --lr 0.001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-16.log 2>&1
./vecnn train --epochs 60 --hidden 128:relu --l2 0.0001 --lr 0.0001 --patience 5 --preset tanh --threads 2 --quiet > /tmp/shell-loop-17.log 2>&1
end=$(date +%s.%N)
echo "shell loop: 18 runs in $(echo "$end - $start" | bc) s"
