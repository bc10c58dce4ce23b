"""The networks and assets every WalletDesk starts with: a copy of chain/networks.py's data.

Migrations never import app code, so the rows are written out here. Re-running only fills in
rows that are missing; admins edit them afterwards.
"""

from django.db import migrations

# slug, name_zh, name_en, family, chain_id, native, tx url, address url, needs_memo
NETWORKS = [
    ("ethereum", "以太坊 (ERC-20)", "Ethereum (ERC-20)", "evm", 1, "ETH",
     "https://etherscan.io/tx/{}", "https://etherscan.io/address/{}", False),
    ("tron", "波场 TRON (TRC-20)", "TRON (TRC-20)", "tron", None, "TRX",
     "https://tronscan.org/#/transaction/{}", "https://tronscan.org/#/address/{}", False),
    ("bsc", "BNB 智能链 (BEP-20)", "BNB Smart Chain (BEP-20)", "evm", 56, "BNB",
     "https://bscscan.com/tx/{}", "https://bscscan.com/address/{}", False),
    ("bitcoin", "比特币", "Bitcoin", "bitcoin", None, "BTC",
     "https://mempool.space/tx/{}", "https://mempool.space/address/{}", False),
    ("solana", "Solana", "Solana", "solana", None, "SOL",
     "https://solscan.io/tx/{}", "https://solscan.io/account/{}", False),
    ("polygon", "Polygon", "Polygon", "evm", 137, "POL",
     "https://polygonscan.com/tx/{}", "https://polygonscan.com/address/{}", False),
    ("arbitrum", "Arbitrum One", "Arbitrum One", "evm", 42161, "ETH",
     "https://arbiscan.io/tx/{}", "https://arbiscan.io/address/{}", False),
    ("optimism", "OP 主网 (Optimism)", "OP Mainnet", "evm", 10, "ETH",
     "https://optimistic.etherscan.io/tx/{}", "https://optimistic.etherscan.io/address/{}",
     False),
    ("base", "Base", "Base", "evm", 8453, "ETH",
     "https://basescan.org/tx/{}", "https://basescan.org/address/{}", False),
    ("ton", "TON", "TON", "memo", None, "TON",
     "https://tonviewer.com/transaction/{}", "https://tonviewer.com/{}", True),
    ("xrp", "XRP 账本", "XRP Ledger", "memo", None, "XRP",
     "https://xrpscan.com/tx/{}", "https://xrpscan.com/account/{}", True),
    ("cosmos", "Cosmos Hub", "Cosmos Hub", "memo", None, "ATOM",
     "https://www.mintscan.io/cosmos/tx/{}", "https://www.mintscan.io/cosmos/address/{}", True),
    ("eos", "EOS", "EOS", "memo", None, "EOS",
     "https://bloks.io/transaction/{}", "https://bloks.io/account/{}", True),
    ("other", "其他网络", "Other network", "other", None, "", "", "", False),
]  # fmt: skip

# network slug -> (symbol, name, contract or mint, decimals), native asset first.
ASSETS = {
    "ethereum": [
        ("ETH", "Ether", "", 18),
        ("USDT", "Tether USD", "0xdAC17F958D2ee523a2206206994597C13D831ec7", 6),
        ("USDC", "USD Coin", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6),
        ("DAI", "Dai", "0x6B175474E89094C44Da98b954EedeAC495271d0F", 18),
        ("WBTC", "Wrapped BTC", "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599", 8),
    ],
    "tron": [
        ("TRX", "TRON", "", 6),
        ("USDT", "Tether USD", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", 6),
        ("USDC", "USD Coin", "TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8", 6),
    ],
    "bsc": [
        ("BNB", "BNB", "", 18),
        ("USDT", "Tether USD", "0x55d398326f99059fF775485246999027B3197955", 18),
        ("USDC", "USD Coin", "0x8AC76a51cc950d9822D68b83fE1Ad97B32Cd580d", 18),
    ],
    "bitcoin": [("BTC", "Bitcoin", "", 8)],
    "solana": [
        ("SOL", "Solana", "", 9),
        ("USDT", "Tether USD", "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB", 6),
        ("USDC", "USD Coin", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", 6),
    ],
    "polygon": [
        ("POL", "Polygon Ecosystem Token", "", 18),
        ("USDT", "Tether USD", "0xc2132D05D31c914a87C6611C10748AEb04B58e8F", 6),
        ("USDC", "USD Coin", "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", 6),
    ],
    "arbitrum": [
        ("ETH", "Ether", "", 18),
        ("USDT", "Tether USD", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", 6),
        ("USDC", "USD Coin", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", 6),
        ("ARB", "Arbitrum", "0x912CE59144191C1204E64559FE8253a0e49E6548", 18),
    ],
    "optimism": [
        ("ETH", "Ether", "", 18),
        ("USDT", "Tether USD", "0x94b008aA00579c1307B0EF2c499aD98a8ce58e58", 6),
        # Contract left for an admin to fill in: only values that pass their checksum are seeded.
        ("USDC", "USD Coin", "", 6),
        ("OP", "Optimism", "0x4200000000000000000000000000000000000042", 18),
    ],
    "base": [
        ("ETH", "Ether", "", 18),
        ("USDC", "USD Coin", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", 6),
        ("USDT", "Tether USD", "0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2", 6),
    ],
    "ton": [
        ("TON", "Toncoin", "", 9),
        ("USDT", "Tether USD", "EQCxE6mUtQJKFnGfaROTKOt1lZbDiiX1kCixRv7Nw2Id_sDs", 6),
    ],
    "xrp": [("XRP", "XRP", "", 6)],
    "cosmos": [("ATOM", "Cosmos", "", 6)],
    "eos": [("EOS", "EOS", "", 4)],
}


def seed(apps, schema_editor):
    Network = apps.get_model("networks", "Network")
    Asset = apps.get_model("networks", "Asset")
    for position, row in enumerate(NETWORKS, start=1):
        slug, name_zh, name_en, family, chain_id, native, tx_url, address_url, memo = row
        network, _created = Network.objects.get_or_create(
            slug=slug,
            defaults={
                "name_zh": name_zh,
                "name_en": name_en,
                "family": family,
                "chain_id": chain_id,
                "native_asset": native,
                "explorer_tx_url": tx_url,
                "explorer_address_url": address_url,
                "needs_memo": memo,
                "position": position * 10,
            },
        )
        for index, (symbol, name, contract, decimals) in enumerate(ASSETS.get(slug, [])):
            Asset.objects.get_or_create(
                network=network,
                symbol=symbol,
                defaults={
                    "name": name,
                    "contract": contract,
                    "decimals": decimals,
                    "position": index,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
