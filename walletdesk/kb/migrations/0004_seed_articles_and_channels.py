"""Demo Help Center: bilingual articles across the six topics, and contact channels.

Re-runnable: rows that exist (by slug, or any channel at all) are left as admins edited them.
``seed`` is also called by the browser tests after the live server's database is flushed.

The index columns are filled with kb/search.py, imported on purpose: it is plain Python with
no models, and the index text must be produced exactly as queries are parsed.
"""

from django.db import migrations
from django.utils import timezone

# (slug, category, title_zh, title_en, body_zh, body_en, related)
ARTICLES = [
    ("deposit-not-arrived", "deposit", "充值未到账怎么办", "My deposit has not arrived",
     """充值没到账，先别着急，大多数情况只是还在等待区块确认。

1. 在区块浏览器里用**交易哈希（TxID）**查询这笔交易，确认状态是"成功"。
2. 核对收款地址是否与钱包里显示的充值地址完全一致。
3. 核对转账所用的**网络**与钱包中选择的网络相同（例如 USDT-TRC20 与 USDT-ERC20 不能混用）。
4. 需要备注（Memo/Tag）的币种，确认填写了正确的备注。

如果交易已成功超过 1 小时仍未到账，请提交工单，附上交易哈希、金额、网络和转账截图。""",
     """A deposit that has not arrived is usually still waiting for block confirmations.

1. Look up the **transaction hash (TxID)** in a block explorer and check that it succeeded.
2. Check that the receiving address is exactly the deposit address shown in your wallet.
3. Check that the **network** you sent on is the one selected in the wallet (USDT-TRC20 and USDT-ERC20 are different networks).
4. For coins that need a memo or tag, check that you entered the right one.

If the transaction succeeded more than an hour ago and the deposit is still missing, submit a ticket with the transaction hash, the amount, the network and a screenshot.""",
     ["deposit-confirmations", "deposit-wrong-network", "transaction-hash"]),
    ("deposit-confirmations", "deposit", "充值需要多少个区块确认", "How many confirmations a deposit needs",
     """每条链到账前需要的区块确认数不同，确认完成前余额不会增加：

| 网络 | 确认数 | 大约时间 |
| --- | --- | --- |
| 比特币 | 2 | 20–60 分钟 |
| 以太坊 ERC20 | 12 | 3–5 分钟 |
| 波场 TRC20 | 20 | 1–2 分钟 |
| BSC BEP20 | 15 | 1 分钟 |

网络拥堵时确认会更慢。在区块浏览器里可以看到当前确认数。""",
     """Each chain needs a number of block confirmations before a deposit is credited; the balance does not change before that:

| Network | Confirmations | About |
| --- | --- | --- |
| Bitcoin | 2 | 20–60 minutes |
| Ethereum ERC20 | 12 | 3–5 minutes |
| Tron TRC20 | 20 | 1–2 minutes |
| BSC BEP20 | 15 | 1 minute |

When the network is congested, confirmations are slower. A block explorer shows the current count.""",
     ["deposit-not-arrived", "supported-networks"]),
    ("deposit-wrong-network", "deposit", "充值时选错了网络怎么办", "I deposited on the wrong network",
     """如果转账时选择的网络与收款钱包的网络不一致（例如把 USDT-ERC20 转到了 TRC20 地址），资产不会出现在原来的余额里。

- 如果两条链都是 EVM 链（以太坊、BSC、Polygon 等），同一个地址在另一条链上通常也属于你：在钱包中切换到那条网络即可看到资产。
- 如果是不兼容的网络（例如 TRC20 和 ERC20），通常无法找回。

请提交工单，写明转出网络、收款网络、交易哈希和金额，我们会告诉你能否找回。客服永远不会向你索要助记词来"帮你找回"。""",
     """If you sent on a different network than the receiving wallet uses (for example USDT-ERC20 to a TRC20 address), the assets will not appear in your usual balance.

- If both are EVM chains (Ethereum, BSC, Polygon…), the same address usually belongs to you on the other chain too: switch the wallet to that network to see the assets.
- Between incompatible networks (such as TRC20 and ERC20) the funds usually cannot be recovered.

Submit a ticket with the sending network, the receiving network, the transaction hash and the amount, and we will tell you whether recovery is possible. Support will never ask for your recovery phrase to "recover" anything.""",
     ["usdt-trc20-vs-erc20", "supported-networks", "deposit-not-arrived"]),
    ("deposit-memo-missing", "deposit", "充值忘记填写备注（Memo/Tag）", "I forgot the memo or tag on a deposit",
     """XRP、XLM、EOS、ATOM 等币种向交易所或共享地址充值时，除了地址还需要**备注（Memo/Tag）**。忘填或填错时，资金已到达对方地址，但对方无法识别是谁的。

请联系收款方（交易所）客服，提供交易哈希和正确的备注。如果收款方是本钱包，请提交工单并附上交易哈希。""",
     """Coins such as XRP, XLM, EOS and ATOM need a **memo or tag** as well as the address when you deposit to an exchange or a shared address. Without it the funds reach the address, but the receiver cannot tell whose they are.

Contact the receiving exchange's support with the transaction hash and the correct memo. If the receiver is this wallet, submit a ticket with the transaction hash.""",
     ["deposit-not-arrived", "withdrawal-to-exchange"]),
    ("deposit-minimum", "deposit", "充值有最低金额吗", "Is there a minimum deposit amount?",
     """自托管钱包本身没有最低充值限制，但低于矿工费的小额转账可能在链上无法完成。部分代币合约或交易所提币有最低金额，请在转出方查看最小提现金额。""",
     """A self-custody wallet has no minimum deposit, but a transfer smaller than the network fee may not go through. Some token contracts and exchanges set a minimum withdrawal amount: check the minimum on the sending side.""",
     ["withdrawal-limits", "gas-fees-explained"]),
    ("deposit-address-changes", "deposit", "我的充值地址会变吗", "Does my deposit address change?",
     """不会。钱包地址由你的助记词生成，只要使用同一个钱包，同一条网络上的地址就不会变。比特币钱包可能会为每次收款生成新地址，旧地址仍然有效。

转账前请从钱包里复制地址，不要从聊天记录里复制：有一种"地址投毒"骗局会伪造首尾相同的地址。""",
     """No. Your addresses come from your recovery phrase: as long as you use the same wallet, your address on a network stays the same. A Bitcoin wallet may show a new address for each payment; old ones keep working.

Copy the address from the wallet, never from a chat history: "address poisoning" scams forge addresses with the same first and last characters.""",
     ["deposit-not-arrived", "fake-support"]),
    ("withdrawal-stuck", "withdrawal", "提现一直处理中，卡住了怎么办", "My withdrawal is stuck or pending",
     """提现（转出）长时间显示"处理中"，通常是因为：

- **矿工费（Gas）设置过低**，交易在内存池中排队；
- 网络拥堵；
- 前一笔交易还没确认（以太坊按 nonce 顺序处理）。

你可以在"交易详情"里使用**加速**功能提高矿工费。如果超过 2 小时仍未确认，请提交工单，附上交易哈希、网络、金额和截图。""",
     """A withdrawal (an outgoing transfer) that stays "pending" for a long time is usually caused by:

- a **gas fee set too low**, so the transaction waits in the mempool;
- a congested network;
- an earlier transaction that is not yet confirmed (Ethereum processes them in nonce order).

Use **speed up** in the transaction details to raise the fee. If it is still unconfirmed after 2 hours, submit a ticket with the transaction hash, network, amount and a screenshot.""",
     ["speed-up-cancel", "withdrawal-fees", "withdrawal-failed"]),
    ("withdrawal-fees", "withdrawal", "提现手续费和矿工费是怎么算的", "How withdrawal fees and gas are charged",
     """从自托管钱包转出时，你支付的是区块链网络的**矿工费（Gas 费）**，钱包本身不收取提现手续费。矿工费随网络拥堵程度实时变化。

- 以太坊 ERC20 代币需要 ETH 支付矿工费；
- 波场 TRC20 需要 TRX 或能量/带宽；
- BSC BEP20 需要 BNB。

确认页面会显示预计费用，确认前请核对。""",
     """When you send from a self-custody wallet you pay the blockchain network's **gas fee**; the wallet charges no withdrawal fee of its own. Gas changes with network congestion.

- ERC20 tokens on Ethereum need ETH for gas;
- TRC20 on Tron needs TRX or energy/bandwidth;
- BEP20 on BSC needs BNB.

The confirmation screen shows the estimated fee: check it before you confirm.""",
     ["gas-fees-explained", "transfer-insufficient-gas"]),
    ("withdrawal-limits", "withdrawal", "提现有限额吗", "Are there withdrawal limits?",
     """钱包本身不限制转出金额，你的资产由你自己掌控。但：

- 部分代币合约有单笔或每日转账上限；
- 开启了安全设置（大额转账二次验证）时，大额提现需要额外确认；
- 收款交易所可能有最低充值金额。""",
     """The wallet does not limit how much you send: your assets are yours. However:

- some token contracts have a per-transfer or daily limit;
- with large-transfer verification on, a large withdrawal needs an extra confirmation;
- the receiving exchange may have a minimum deposit.""",
     ["enable-mfa", "deposit-minimum"]),
    ("withdrawal-wrong-address", "withdrawal", "提现转错地址了能追回吗", "I sent a withdrawal to the wrong address",
     """区块链交易一旦确认就无法撤销，任何人（包括我们）都无法强制退回。

- 如果地址属于某个交易所，请联系该交易所客服并提供交易哈希；
- 如果地址属于你认识的人，请直接联系对方退回。

任何声称可以"追回资产"并要求你支付费用或提供助记词的人都是骗子。""",
     """A confirmed blockchain transaction cannot be reversed; nobody, including us, can force a refund.

- If the address belongs to an exchange, contact that exchange's support with the transaction hash;
- if it belongs to someone you know, ask them to send it back.

Anyone who offers to "recover" funds for a fee or asks for your recovery phrase is a scammer.""",
     ["fake-support", "transaction-hash"]),
    ("withdrawal-to-exchange", "withdrawal", "提现到交易所要注意什么", "Withdrawing to an exchange",
     """提现到交易所前请确认三件事：

1. 交易所充值页面选择的**网络**与钱包转出网络一致；
2. 需要时填写**备注（Memo/Tag）**；
3. 先小额测试，确认到账后再转大额。

交易所入账慢时，请先联系交易所客服。""",
     """Before you withdraw to an exchange, check three things:

1. the **network** on the exchange's deposit page is the one you send on;
2. the **memo or tag**, where needed;
3. send a small test amount first, then the rest once it arrives.

If the exchange is slow to credit it, contact the exchange's support first.""",
     ["deposit-memo-missing", "deposit-wrong-network"]),
    ("withdrawal-failed", "withdrawal", "提现失败，币退回了吗", "My withdrawal failed: are my coins back?",
     """链上交易失败（状态为 Failed）时，转账金额不会离开你的钱包，但**已消耗的矿工费不退还**。常见原因是 Gas 上限设置过低或合约拒绝了交易。

刷新余额确认金额仍在，然后用默认矿工费重新发送。如果余额减少了，请提交工单并附上交易哈希。""",
     """When an on-chain transaction fails (status Failed), the amount never leaves your wallet, but **the gas already used is not refunded**. Common causes are a gas limit set too low or a contract refusing the transaction.

Refresh your balance to check the amount is still there, then send again with the default fee. If your balance went down, submit a ticket with the transaction hash.""",
     ["withdrawal-stuck", "transfer-insufficient-gas"]),
    ("gas-fees-explained", "transfer", "什么是矿工费（Gas），为什么这么贵", "What gas fees are and why they are high",
     """矿工费（Gas 费）是付给区块链验证者的费用，用来把你的交易打包上链。费用取决于交易复杂度（代币转账比普通转账贵）和网络繁忙程度。

省钱小技巧：

- 在网络不繁忙的时候转账；
- 转 USDT 时可以选择 TRC20 或 BEP20 等费用较低的网络（收款方必须支持同一网络）。""",
     """Gas is the fee paid to the blockchain's validators to include your transaction. It depends on how complex the transaction is (token transfers cost more than plain ones) and how busy the network is.

To pay less:

- send when the network is quiet;
- for USDT, choose a cheaper network such as TRC20 or BEP20 (the receiver must support the same network).""",
     ["withdrawal-fees", "usdt-trc20-vs-erc20"]),
    ("transfer-insufficient-gas", "transfer", "转账提示矿工费不足", "Transfer fails: not enough for gas",
     """转代币时，矿工费要用该网络的原生币支付：以太坊用 ETH，波场用 TRX，BSC 用 BNB。即使你有很多 USDT，没有原生币也无法转出。

先向钱包里充入少量原生币（例如 0.005 ETH 或 20 TRX），再重试。""",
     """To send a token you pay gas in the network's native coin: ETH on Ethereum, TRX on Tron, BNB on BSC. Plenty of USDT does not help if you have none of the native coin.

Deposit a small amount of the native coin first (for example 0.005 ETH or 20 TRX), then try again.""",
     ["gas-fees-explained", "withdrawal-fees"]),
    ("usdt-trc20-vs-erc20", "transfer", "USDT-TRC20 和 USDT-ERC20 有什么区别", "USDT-TRC20 vs USDT-ERC20",
     """它们都是 USDT，但在不同的区块链上：

- **USDT-TRC20** 在波场（Tron）网络，地址以 T 开头，矿工费低；
- **USDT-ERC20** 在以太坊网络，地址以 0x 开头，矿工费较高。

转账时收发双方必须选择同一网络，否则资产可能无法到账。""",
     """Both are USDT, on different blockchains:

- **USDT-TRC20** is on Tron; addresses start with T and fees are low;
- **USDT-ERC20** is on Ethereum; addresses start with 0x and fees are higher.

Sender and receiver must use the same network, or the transfer may never arrive.""",
     ["deposit-wrong-network", "gas-fees-explained", "supported-networks"]),
    ("transaction-hash", "transfer", "如何查找交易哈希（TxID）", "How to find a transaction hash (TxID)",
     """交易哈希（TxID）是一笔链上交易的唯一编号。查找方法：

1. 打开钱包，进入对应资产；
2. 点击这笔交易，进入"交易详情"；
3. 复制"交易哈希"，或点击"在浏览器中查看"。

提交工单时附上交易哈希，客服可以立即查询这笔交易。""",
     """The transaction hash (TxID) is the unique id of an on-chain transaction. To find it:

1. open the wallet and the asset;
2. tap the transaction to open its details;
3. copy the "transaction hash", or tap "view in explorer".

Put the hash in your ticket so support can look the transaction up at once.""",
     ["deposit-not-arrived", "write-a-good-ticket"]),
    ("cross-chain-bridge", "transfer", "跨链桥转账没到账", "A cross-chain bridge transfer has not arrived",
     """跨链转账分两步：源链上锁定资产，目标链上释放资产，通常需要 10–30 分钟，拥堵时可能数小时。

请在跨链桥的官网用源链交易哈希查询进度。跨链桥由第三方运营，资金卡在桥上时需要联系该桥的支持团队；我们可以帮你确认钱包一侧的交易状态。""",
     """A bridge transfer has two steps: the assets are locked on the source chain and released on the target chain. It usually takes 10–30 minutes, hours when busy.

Check progress on the bridge's own site with the source-chain transaction hash. Bridges are run by third parties: if funds are stuck in the bridge, contact its support team; we can confirm the wallet side of the transaction.""",
     ["transaction-hash", "deposit-wrong-network"]),
    ("speed-up-cancel", "transfer", "如何加速或取消待确认的交易", "Speeding up or cancelling a pending transaction",
     """以太坊和 EVM 链上，待确认（Pending）的交易可以：

- **加速**：用相同的 nonce 和更高的矿工费重新发送；
- **取消**：发送一笔 0 金额给自己、使用相同 nonce 和更高矿工费的交易。

交易已经确认后就不能再取消。比特币交易可以使用 RBF 加速。""",
     """On Ethereum and EVM chains a pending transaction can be:

- **sped up**: sent again with the same nonce and a higher gas fee;
- **cancelled**: replaced by a zero-value transaction to yourself with the same nonce and a higher fee.

Once confirmed, a transaction cannot be cancelled. Bitcoin transactions can be sped up with RBF.""",
     ["withdrawal-stuck", "gas-fees-explained"]),
    ("token-not-showing", "assets", "代币不显示，余额为零怎么办", "A token does not show in my wallet",
     """交易已成功但钱包里看不到代币，常见原因：

1. 钱包默认只显示常见代币：需要**手动添加代币**（输入合约地址）；
2. 当前选择的**网络**不对：切换到接收代币的网络；
3. 资产列表开启了"隐藏小额资产"。

添加后仍不显示，请提交工单并附上合约地址和交易哈希。""",
     """The transaction succeeded but the token does not show in the wallet? Usually:

1. the wallet only lists common tokens by default: **add the token** by its contract address;
2. the wallet is on another **network**: switch to the network the token was sent on;
3. "hide small balances" is on.

If it still does not show after adding it, submit a ticket with the contract address and the transaction hash.""",
     ["add-custom-token", "deposit-wrong-network", "asset-value-wrong"]),
    ("add-custom-token", "assets", "如何添加自定义代币", "How to add a custom token",
     """在资产页点击"+"，搜索代币名称；搜不到时选择"自定义代币"，粘贴**合约地址**，精度和符号会自动填充。

请只从项目官网或区块浏览器复制合约地址：同名的假代币非常多。""",
     """On the assets page tap "+" and search for the token; if it is not found, choose "custom token" and paste the **contract address**: decimals and symbol fill in automatically.

Copy the contract address only from the project's official site or a block explorer: fake tokens with the same name are common.""",
     ["token-not-showing", "unknown-airdrop"]),
    ("nft-not-showing", "assets", "我的 NFT 不显示", "My NFT does not show",
     """NFT 数据来自第三方索引服务，新铸造或刚转入的 NFT 可能需要几分钟到几小时才显示。

请确认当前网络正确，然后在 NFT 页下拉刷新。仍不显示时，可在区块浏览器中用合约地址和 Token ID 确认它确实在你的地址上。""",
     """NFT data comes from third-party indexers: a newly minted or received NFT can take minutes to hours to show.

Check that the wallet is on the right network and pull down to refresh the NFT page. If it still does not show, confirm in a block explorer, with the contract address and token ID, that it is at your address.""",
     ["token-not-showing"]),
    ("unknown-airdrop", "assets", "收到不明空投代币怎么办", "I received tokens I do not know (airdrop)",
     """陌生代币"空投"常常是诈骗：代币名称里写着网址，引诱你去"兑换"，连接钱包后就会被盗。

- 不要点击代币里的链接，不要尝试出售或授权；
- 可以在资产列表中隐藏它。

只要你不操作它，它不会对你的资产造成影响。""",
     """Unknown "airdropped" tokens are often a scam: the token name carries a website that invites you to "claim" or "swap", and connecting your wallet there drains it.

- Do not open links in the token, do not try to sell or approve it;
- you can hide it in the asset list.

As long as you do not interact with it, it cannot touch your assets.""",
     ["revoke-approvals", "fake-support"]),
    ("revoke-approvals", "assets", "如何取消代币授权", "Revoking token approvals",
     """在 DApp 里使用代币前，你会给合约一个**授权（Approve）**，允许它动用你的代币。长期不用或可疑的授权应该取消。

在"安全中心 → 授权管理"中查看所有授权，点击"取消授权"。取消授权需要支付少量矿工费。""",
     """Before a DApp can use your tokens you give its contract an **approval**. Approvals you no longer use, or do not recognise, should be revoked.

Open "Security center → Approvals" to see them all and tap "Revoke". Revoking costs a small gas fee.""",
     ["unknown-airdrop", "stolen-funds"]),
    ("asset-value-wrong", "assets", "资产估值不准确", "The value of my assets looks wrong",
     """资产估值按第三方行情计算，只是参考。新代币、流动性很低的代币可能没有价格或价格异常，这不影响你链上实际持有的数量。""",
     """Asset values use third-party market prices and are only an estimate. New or illiquid tokens may have no price or an odd one; this does not change the amount you actually hold on chain.""",
     ["token-not-showing"]),
    ("fake-support", "account", "谨防假冒客服", "Beware of fake support",
     """骗子会冒充"官方客服"在社交媒体、电报群和私信中联系你。请记住：

- 官方客服**永远不会**索要你的助记词、私钥或验证码；
- 官方客服不会主动私信你，也不会要求你转账"验证"或"解冻"；
- 只通过 App 内的工单或本页列出的官方渠道联系我们。

如果你已经泄露了助记词，请立即创建新钱包并把资产转过去。""",
     """Scammers pose as "official support" on social media, Telegram groups and in direct messages. Remember:

- real support **never** asks for your recovery phrase, private key or verification codes;
- real support never messages you first and never asks you to send funds to "verify" or "unfreeze" anything;
- contact us only through tickets in the app or the official channels on the contact page.

If you have shared your recovery phrase, create a new wallet at once and move your assets to it.""",
     ["never-share-recovery-phrase", "stolen-funds"]),
    ("never-share-recovery-phrase", "account", "永远不要泄露助记词和私钥", "Never share your recovery phrase or private key",
     """助记词（12 或 24 个单词）和私钥就是你的钱包：任何人拿到它，就能转走你的全部资产。

- 不要截图、不要存在网盘或聊天软件里；
- 不要在任何网站、表单或工单里输入；
- 客服、开发者、"技术支持"都不需要它。

我们的工单系统会拒绝保存任何看起来像助记词或私钥的内容。""",
     """The recovery phrase (12 or 24 words) and the private key are your wallet: whoever has them can take everything.

- Do not screenshot them, do not keep them in cloud storage or chat apps;
- never type them into any website, form or ticket;
- support, developers and "technical helpers" never need them.

Our ticket system refuses to store anything that looks like a recovery phrase or private key.""",
     ["fake-support", "backup-recovery-phrase"]),
    ("enable-mfa", "account", "如何开启二次验证（MFA）", "Enabling two-factor authentication (MFA)",
     """二次验证（两步验证、2FA）让登录和大额转账多一道保护。

1. 进入"设置 → 安全 → 二次验证"；
2. 用谷歌验证器（Google Authenticator）等应用扫描二维码；
3. 输入 6 位验证码完成绑定，并妥善保存备用码。

更换手机前请先解绑或保存备用码。""",
     """Two-factor authentication (2FA, MFA) adds a second check to sign-ins and large transfers.

1. Open "Settings → Security → Two-factor authentication";
2. scan the QR code with an authenticator app such as Google Authenticator;
3. enter the 6-digit code to finish, and keep the backup codes safe.

Before changing phones, turn it off or keep the backup codes.""",
     ["never-share-recovery-phrase", "withdrawal-limits"]),
    ("backup-recovery-phrase", "account", "如何备份助记词", "Backing up your recovery phrase",
     """创建钱包后请立即备份助记词：

- 用笔抄在纸上，按顺序核对每个单词；
- 保存在防火防水的地方，可以分两处保存；
- 不要拍照，不要联网保存。

丢失助记词且手机损坏时，任何人都无法恢复你的钱包。""",
     """Back up the recovery phrase as soon as you create the wallet:

- write it on paper and check every word in order;
- keep it somewhere safe from fire and water, possibly in two places;
- never photograph it or store it online.

If you lose the phrase and the phone breaks, nobody can restore your wallet.""",
     ["never-share-recovery-phrase", "restore-wallet"]),
    ("restore-wallet", "account", "如何用助记词恢复（导入）钱包", "Restoring a wallet with the recovery phrase",
     """换手机或重装 App 后，选择"导入钱包"，按顺序输入助记词，设置新的钱包密码即可恢复全部资产。

恢复后资产不显示？检查网络是否一致，并手动添加代币。只在官方 App 中导入，从不在网页里输入助记词。""",
     """After a new phone or a reinstall, choose "Import wallet", enter the recovery phrase in order and set a new wallet password: all assets come back.

Assets missing after the restore? Check the network and add the tokens by hand. Import only in the official app, never type the phrase into a web page.""",
     ["backup-recovery-phrase", "token-not-showing", "forgot-password"]),
    ("forgot-password", "account", "忘记钱包密码怎么办", "I forgot my wallet password",
     """钱包密码只保存在你的手机上，我们无法查看或重置。忘记密码时，用助记词重新导入钱包并设置新密码即可，资产不会丢失。

如果没有备份助记词又忘了密码，任何人都无法找回。""",
     """The wallet password is stored only on your phone; we cannot see or reset it. If you forgot it, import the wallet again with the recovery phrase and set a new password: nothing is lost.

Without a backup of the recovery phrase and without the password, nobody can recover the wallet.""",
     ["restore-wallet", "backup-recovery-phrase"]),
    ("stolen-funds", "account", "资产被盗了怎么办", "My funds were stolen",
     """发现资产被盗（被转走）时：

1. 立即创建一个**新钱包**（新助记词），把剩余资产转过去；
2. 在授权管理中取消所有可疑授权；
3. 记录盗币交易的哈希和对方地址，向当地警方报案；
4. 提交工单，附上交易哈希，我们会协助标记地址。

区块链交易无法撤回，请警惕自称能"追回资金"的人。""",
     """If your assets were stolen (sent away without you):

1. create a **new wallet** (a new recovery phrase) at once and move what is left to it;
2. revoke every suspicious approval;
3. note the transaction hashes and the thief's address and report to your local police;
4. submit a ticket with the transaction hashes; we will help flag the address.

Blockchain transactions cannot be reversed: beware of anyone who claims to "recover funds".""",
     ["revoke-approvals", "fake-support", "never-share-recovery-phrase"]),
    ("write-a-good-ticket", "other", "怎样写工单能更快解决", "How to write a ticket that gets solved",
     """一张好工单能省去来回追问，通常一次就能解决：

- **发生了什么**：一两句话说明问题；
- **交易信息**：网络、币种、金额、交易哈希、收发地址；
- **时间**：大约什么时候发生；
- **截图**：转账记录、错误提示。

不要写助记词、私钥或验证码。""",
     """A good ticket saves the back-and-forth and is often solved in one reply:

- **what happened**, in a sentence or two;
- **the transaction**: network, asset, amount, transaction hash, addresses;
- **when** it happened, roughly;
- **screenshots** of the transfer record and any error.

Never include your recovery phrase, private key or verification codes.""",
     ["transaction-hash", "reply-times", "ticket-rejected"]),
    ("reply-times", "other", "客服多久回复工单", "How long until support replies?",
     """我们在 **1–3 个工作日**内回复工单，简单问题通常更快。周末和法定节假日不计入工作日。

客服回复或需要你补充信息时，你会收到通知。重复提交同一个问题不会更快，反而会排在队列后面。""",
     """We reply to tickets within **1–3 business days**; simple questions are usually faster. Weekends and public holidays are not business days.

You get a notification when support replies or needs more information. Submitting the same question again does not make it faster: it joins the back of the queue.""",
     ["write-a-good-ticket", "ticket-rejected"]),
    ("ticket-rejected", "other", "工单为什么被驳回，如何重新提交", "Why a ticket is rejected and how to resubmit",
     """工单可能因为以下原因被驳回：信息不完整、不在服务范围内、未按流程操作、涉及法律问题。驳回时你会看到原因和下一步建议。

信息不完整的工单可以**补充后重新提交**：在工单页点击"补充并重新提交"，之前填写的内容会自动带入，新工单与原工单关联。""",
     """A ticket may be rejected because information is missing, the request is outside support's scope, the process was not followed, or it is a legal matter. You always see the reason and what to do next.

A ticket rejected for missing information can be **supplemented and resubmitted**: open it and choose "Supplement and resubmit"; what you wrote before is filled in, and the new ticket is linked to the original.""",
     ["write-a-good-ticket", "reply-times"]),
    ("update-app", "other", "如何更新钱包 App", "Updating the wallet app",
     """请只从官网或官方应用商店下载和更新 App。更新不会影响你的资产，但更新前请确认已备份助记词。

收到"强制升级"链接的短信或私信时，那是钓鱼，不要点击。""",
     """Download and update the app only from the official site or official app stores. Updating does not touch your assets, but make sure your recovery phrase is backed up first.

A text or direct message with a "mandatory upgrade" link is phishing: do not open it.""",
     ["fake-support", "backup-recovery-phrase"]),
    ("supported-networks", "other", "钱包支持哪些网络", "Which networks does the wallet support?",
     """目前支持：比特币、以太坊（ERC20）、波场（TRC20）、BSC（BEP20）、Polygon、Arbitrum、Optimism、Solana、XRP 等主流网络。

在"添加网络"中可以看到完整列表。转账前请确认收发双方支持同一网络。""",
     """Supported today: Bitcoin, Ethereum (ERC20), Tron (TRC20), BSC (BEP20), Polygon, Arbitrum, Optimism, Solana, XRP and other major networks.

"Add network" shows the full list. Before sending, check that both sides support the same network.""",
     ["usdt-trc20-vs-erc20", "deposit-wrong-network"]),
    ("staking-rewards", "assets", "质押收益没有到账", "Staking rewards have not arrived",
     """质押（Staking）收益由验证节点按周期发放，不同网络发放周期不同（例如每个 epoch 或每天）。解除质押通常有锁定期，期间资产不可转出。

请在质押详情里查看下次发放时间和解锁时间。""",
     """Staking rewards are paid by the validator on a schedule that depends on the network (each epoch, or daily). Unstaking usually has a lock-up period during which the assets cannot be sent.

Check the next payout and the unlock time in the staking details.""",
     ["asset-value-wrong"]),
    ("swap-failed", "transfer", "闪兑（Swap）失败或到账数量变少", "A swap failed or I received less than expected",
     """闪兑（兑换）失败的常见原因：滑点设置过小、价格变化太快、矿工费不足。失败时代币不会被扣除，只消耗矿工费。

到账数量少于预期，通常是滑点和手续费导致。大额兑换前先用小额试一下。""",
     """A swap usually fails because the slippage is set too low, the price moved too fast, or there was not enough gas. A failed swap does not take your tokens, only the gas.

Receiving less than expected is usually slippage and fees. Try a small amount before a large swap.""",
     ["gas-fees-explained", "withdrawal-failed"]),
]

CHANNELS = [
    ("hotline", "客服热线 400-820-8820", "Hotline 400-820-8820", "+86 400 820 8820", "每天 9:00–21:00（北京时间）", "Daily 9:00–21:00 (Beijing time)", 0),
    ("email", "邮件 support@imwallet.example", "E-mail support@imwallet.example", "support@imwallet.example", "1–3 个工作日内回复", "Reply within 1–3 business days", 1),
    ("social", "官方微博 @IM钱包", "Weibo @IMWallet", "https://weibo.com/imwallet", "", "", 2),
    ("social", "官方 X（推特）@imwallet", "X (Twitter) @imwallet", "https://x.com/imwallet", "", "", 3),
    ("community", "用户社区论坛", "Community forum", "https://community.imwallet.example", "", "", 4),
]


def seed(apps, schema_editor):
    from walletdesk.kb import search

    Article = apps.get_model("kb", "Article")
    Category = apps.get_model("tickets", "Category")
    ContactChannel = apps.get_model("kb", "ContactChannel")
    categories = {c.slug: c for c in Category.objects.all()}
    now = timezone.now()
    created = {}
    for position, (slug, category, title_zh, title_en, body_zh, body_en, _) in enumerate(ARTICLES):
        if category not in categories or Article.objects.filter(slug=slug).exists():
            continue
        created[slug] = Article.objects.create(
            slug=slug,
            category=categories[category],
            status="published",
            title_zh=title_zh,
            title_en=title_en,
            body_zh=body_zh,
            body_en=body_en,
            position=position,
            published_at=now,
            search_title=search.document(f"{title_zh} {title_en}"),
            search_body=search.document(f"{body_zh}\n{body_en}"),
        )
    by_slug = {a.slug: a for a in Article.objects.filter(slug__in=[a[0] for a in ARTICLES])}
    for slug, *_, related in ARTICLES:
        if slug in created:
            created[slug].related.set([by_slug[r] for r in related if r in by_slug])
    if not ContactChannel.objects.exists():
        for kind, label_zh, label_en, value, hours_zh, hours_en, position in CHANNELS:
            ContactChannel.objects.create(
                kind=kind,
                label_zh=label_zh,
                label_en=label_en,
                value=value,
                hours_zh=hours_zh,
                hours_en=hours_en,
                position=position,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0003_article_fulltext_index"),
        ("tickets", "0002_seed_categories_and_reasons"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
