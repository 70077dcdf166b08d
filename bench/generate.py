#!/usr/bin/env python3
"""Writes the benchmark workload: N campaigns, each a default URL plus four goals,
N/10 advertisers on mixed macro sets, literals that need percent-encoding.

    python3 bench/generate.py 20000 > /tmp/network-20000.toml
"""
import sys

SETS = ["appsflyer", "branch", "singular", "placeholder", "adjust"]
PARAMS = [
    ["txn_id", "sale_amount", "currency"],
    ["idfa", "gaid"],
    ["txn_id", "status"],
    ["click_id", "coupon_code", "sub3"],
]


def main():
    n = int(sys.argv[1])
    out = sys.stdout
    out.write('[network]\nname = "Bench Network"\ndomain = "bench.gotrackier.com"\n')
    out.write('security_token = "bench-global-0"\n\n[network.params]\n')
    out.write('order_id = "Order ID"\n\n')
    advertisers = max(1, n // 10)
    for a in range(advertisers):
        out.write(f'[advertisers.adv{a}]\nname = "Advertiser {a} & Co"\n')
        out.write(f'security_token = "tok-{a:06d}"\nmacros = "{SETS[a % len(SETS)]}"\n')
        overrides = []
        if a % 7 == 0:
            overrides.append(f'txn_id = "[order_{a}]"')
        if SETS[a % len(SETS)] == "singular":
            # Singular's click macro names the network as Singular knows it.
            overrides.append('click_id = "{cl?Bench Network}"')
        if overrides:
            out.write(f'[advertisers.adv{a}.macro]\n' + "".join(o + "\n" for o in overrides))
        out.write("\n")
    for c in range(n):
        out.write(f"[[campaigns]]\nid = {100000 + c}\n")
        out.write(f'name = "Campaign {c}: Summer Sale"\nadvertiser = "adv{c % advertisers}"\n')
        out.write('default = "Install"\n')
        params = PARAMS[c % len(PARAMS)]
        out.write("params = [" + ", ".join(f'"{p}"' for p in params) + "]\n")
        out.write(f'fixed = {{ sub1 = "summer sale & more {c}", sub2 = "ü/€+{c % 13}" }}\n\n')
        for g in range(4):
            out.write(f'[[campaigns.goals]]\nname = "Goal {g}"\n')
            if g == 3:
                out.write(f'id = "65f2a9c1e4b0{c:06d}{g:06d}"\n')
            else:
                out.write(f'value = "goal_{g} step"\n')
            if g == 1:
                out.write('params = ["revenue", "order_id"]\n')
            if g == 2:
                out.write('fixed = { sub2 = "vip:gold", status = "approved" }\n')
            out.write("\n")


if __name__ == "__main__":
    main()
