"""Time the secret guard on a typical 500-character ticket description (Chinese and English).

Run: .venv/bin/python bench/bench_secret_guard.py
Prints the best per-call CPU time of find_secrets (on the 500 characters, the Chinese part and
the English part) and of find_secret_requests, each the minimum of 7 rounds of 300 calls:
the minimum is the figure least disturbed by other work on the machine.
"""

import sys
import time
import timeit
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from walletdesk.chain.secret_guard import find_secret_requests, find_secrets

CHINESE = (
    "您好，我在12月3日从交易所提现了 500 USDT 到我的钱包，交易哈希是 "
    "0x9f2c4d6e8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d，但是钱包里一直没有显示。"
    "我尝试过退出重新登录、清除缓存、切换网络节点，都没有用。麻烦你们帮我查一下具体是什么原因，"
    "如果需要我提供什么材料，我都可以配合。"
)
ENGLISH = (
    "Hi, I sent the token to my wallet address but the balance did not update after two hours. "
    "The explorer shows the transfer as confirmed with 64 confirmations, and the fee was charged. "
    "I already tried to refresh, log out and in again, and switch the network node. Could you "
    "check what is wrong? Address 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed, amount 120.5 USDC, "
    "time 09:14 UTC."
)
TYPICAL = (CHINESE + "\n" + ENGLISH)[:500]


def best_microseconds(call: Callable[[], object], rounds: int = 7, number: int = 300) -> float:
    times = timeit.repeat(call, number=number, repeat=rounds, timer=time.process_time)
    return min(times) / number * 1e6


def main() -> None:
    find_secrets(TYPICAL)  # wordlists load once per process
    for name, text in (("typical", TYPICAL), ("chinese", CHINESE), ("english", ENGLISH)):
        micros = best_microseconds(partial(find_secrets, text))
        print(f"find_secrets {name} ({len(text)} chars): {micros:.0f} µs")
    micros = best_microseconds(partial(find_secret_requests, ENGLISH))
    print(f"find_secret_requests english ({len(ENGLISH)} chars): {micros:.0f} µs")


if __name__ == "__main__":
    main()
