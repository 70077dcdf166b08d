#!/usr/bin/env python3
"""The Python equivalent of `postback urls --format plain` for the benchmark workload:
tomllib to read the file, urllib.parse to encode literals, the same canonical order and
macro sets (read from src/macro_sets.toml). bench/run.sh checks both print the same bytes.

    python3 bench/urls.py FILE
"""
import os
import sys
import tomllib
from urllib.parse import quote

BUILTINS = ["click_id", "security_token", "txn_id", "sale_amount", "revenue", "currency",
            "status", "coupon_code", "idfa", "gaid"]
SUBS = [f"sub{n}" for n in range(1, 16)]
HERE = os.path.dirname(os.path.abspath(__file__))


def encode(text):
    return quote(str(text), safe="-._~")


def main():
    with open(sys.argv[1], "rb") as f:
        doc = tomllib.load(f)
    with open(os.path.join(HERE, "..", "src", "macro_sets.toml"), "rb") as f:
        # Each built-in entry is `{ macro, page }`: the macro, and the page that cites it.
        sets = {s["name"]: {p: e["macro"] for p, e in s["macros"].items()}
                for s in tomllib.load(f)["set"]}
    sets.update(doc.get("macro_sets", {}))
    network = doc["network"]
    custom = list(network.get("params", {}))
    order = {name: i for i, name in enumerate(BUILTINS + SUBS + custom)}
    order["goal_value"] = order["goal_id"] = len(order)
    base = f"https://{network['domain'].lower()}{network.get('path', '/acquisition')}"
    advertisers = doc.get("advertisers", {})
    out = []
    for campaign in doc.get("campaigns", []):
        adv = advertisers[campaign["advertiser"]]
        macro_set = sets.get(adv.get("macros", "placeholder"), {})
        overrides = adv.get("macro", {})

        def macro(p):
            return overrides.get(p) or macro_set.get(p) or "{" + p + "}"

        def url(params, fixed, goal=None):
            fills = {"click_id": None}
            for p in params:
                fills[p] = None
            for k, v in fixed.items():
                fills[k] = str(v)
            if "security_token" in adv:
                fills["security_token"] = adv["security_token"]
            if goal is not None:
                fills[goal[0]] = str(goal[1])
            pairs = sorted(fills.items(), key=lambda kv: order[kv[0]])
            query = "&".join(
                f"{encode(k)}={macro(k) if v is None else encode(v)}" for k, v in pairs)
            return f"{base}?{query}"

        params = campaign.get("params", [])
        fixed = campaign.get("fixed", {})
        out.append(url(params, fixed))
        for goal in campaign.get("goals", []):
            g_params = params + [p for p in goal.get("params", []) if p not in params]
            g_fixed = {k: v for k, v in fixed.items() if k not in goal.get("params", [])}
            g_fixed.update(goal.get("fixed", {}))
            g_params = [p for p in g_params if p not in goal.get("fixed", {})]
            target = ("goal_value", goal["value"]) if "value" in goal else ("goal_id", goal["id"])
            out.append(url(g_params, g_fixed, target))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
