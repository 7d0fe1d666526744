import { Source, mixed, native, visit, web } from './kit';
import { Rng } from './rng';
import { ALL_PRODUCTS, BANK_PAGES, FINANCE_WORDS, FOLDERS, INSTALLERS, SETTINGS_PAGES, SHOP_PAGE_WORDS, SYSTEM_COMMANDS, TICKERS, slug } from './vocab';

const SH = 'shopping';
const F = 'personal:finance';
const SY = 'system';

const product = (r: Rng) => r.pick(ALL_PRODUCTS);
const spw = (r: Rng) => r.pick(SHOP_PAGE_WORDS);
const fw = (r: Rng) => r.pick(FINANCE_WORDS);
/** Display names where the group id is not the brand as written. */
const BRAND_NAMES: Record<string, string> = {
  hm: 'H&M', jd: 'JD.com', bol: 'bol.com', 'shopify-stores': 'Acme Coffee', 'apple-store': 'Apple', ebay: 'eBay', ikea: 'IKEA', temu: 'Temu',
  shein: 'SHEIN', asos: 'ASOS', bestbuy: 'Best Buy', homedepot: 'The Home Depot', aliexpress: 'AliExpress', mercadolibre: 'Mercado Libre',
  hsbc: 'HSBC', bnp: 'BNP Paribas', ing: 'ING', paypal: 'PayPal', n26: 'N26', bbva: 'BBVA', dkb: 'DKB', lcl: 'LCL', 'td-bank': 'TD Bank',
  'bank-of-america': 'Bank of America', 'credit-agricole': 'Crédit Agricole', etrade: 'E*TRADE', 'deutsche-bank': 'Deutsche Bank',
};
const brandOf = (group: string) => BRAND_NAMES[group] ?? group.replace(/-/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
const price = (r: Rng) => `${r.pick(['$', '€', '£'])}${r.int(5, 1999)}.${r.pick(['99', '95', '00', '49'])}`;
const asin = (r: Rng) => `B0${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 8)}`;

/** Shop pages are mostly product pages; some are cart/checkout/deals pages or a shared product with the shop's name. */
function shop(group: string, count: number, hosts: string[], title: (r: Rng) => string, path: (r: Rng) => string = (r) => `/${slug(product(r)).slice(0, 40)}`, brand?: string): Source {
  const name = brand ?? brandOf(group);
  return web(group, SH, count, (r) => {
    const t = r.weighted([
      [() => title(r), 6],
      [() => `${spw(r)} | ${name}`, 1],
      [() => `${product(r)} | ${name}`, 1.5],
      [() => `${product(r)} – ${price(r)} – ${r.pick(['Buy online', 'Free delivery', 'In stock'])} | ${name}`, 0.7],
    ] as const)();
    return { title: t, host: r.pick(hosts), path: path(r) };
  });
}

export const shopping: Source[] = [
  shop('amazon', 70, ['www.amazon.com', 'www.amazon.de', 'www.amazon.co.uk', 'www.amazon.fr', 'www.amazon.co.jp', 'www.amazon.es'], (r) =>
    r.weighted([
      [() => `Amazon.com: ${product(r)} : ${r.pick(['Electronics', 'Home & Kitchen', 'Sports & Outdoors', 'Clothing, Shoes & Jewelry', 'Tools & Home Improvement'])}`, 4],
      [() => `Amazon.com : ${product(r)}`, 2],
      [() => `${r.pick(['Amazon.de', 'Amazon.co.uk', 'Amazon.fr', 'Amazon.es'])}: ${product(r)}`, 2],
      [() => r.pick(['Amazon.com Shopping Cart', 'Your Orders', 'Amazon.com. Spend less. Smile more.', 'Amazon.de: Warenkorb', 'Amazon.com: Today’s Deals', 'Amazon.co.uk Checkout']), 2],
      [() => `Amazon.com: ${r.pick(['wireless earbuds', 'standing desk', 'usb c hub', 'protein powder'])}`, 1],
    ] as const)(),
    (r) => r.pick([`/dp/${asin(r)}`, '/gp/cart/view.html', '/gp/your-account/order-history', `/s?k=${slug(product(r))}`])),
  shop('ebay', 35, ['www.ebay.com', 'www.ebay.de', 'www.ebay.co.uk'], (r) => r.pick([`${product(r)} | eBay`, `${product(r)} for sale online | eBay`, 'Electronics, Cars, Fashion, Collectibles & More | eBay', `Shopping cart | eBay`]), (r) => `/itm/${r.digits(12)}`),
  shop('etsy', 22, ['www.etsy.com'], (r) => `${r.pick(['Personalized Leather Wallet', 'Handmade Ceramic Mug', 'Custom Pet Portrait', 'Minimalist Gold Necklace', 'Vintage Band T-Shirt', 'Macrame Wall Hanging'])} - Etsy${r.pick(['', ' UK', ' Deutschland'])}`, (r) => `/listing/${r.digits(10)}/`),
  shop('walmart', 18, ['www.walmart.com'], (r) => `${product(r)} - Walmart.com`, (r) => `/ip/${r.digits(9)}`),
  shop('target', 12, ['www.target.com'], (r) => `${product(r)} : Target`, (r) => `/p/-/A-${r.digits(8)}`),
  shop('bestbuy', 14, ['www.bestbuy.com'], (r) => `${product(r)} ${r.pick(['Black', 'Silver', ''])} - Best Buy`.replace('  ', ' '), (r) => `/site/${r.digits(7)}.p`),
  shop('aliexpress', 18, ['www.aliexpress.com', 'de.aliexpress.com'], (r) => `${r.pick(['Wireless Bluetooth Earphones TWS', 'Phone Case for iPhone 15', 'LED Strip Lights 10m', 'Mini Projector 4K'])} - AliExpress ${r.int(1, 50)}`, (r) => `/item/${r.digits(13)}.html`),
  shop('temu', 14, ['www.temu.com'], (r) => r.pick(['Temu | Explore the Latest Clothing, Beauty, Home, Jewelry & More', `${r.pick(['Kitchen Gadget Set', 'LED Desk Lamp', 'Women’s Summer Dress'])} - Temu`]), () => '/'),
  shop('shein', 12, ['www.shein.com', 'de.shein.com'], (r) => `${r.pick(['Floral Print Ruffle Hem Dress', 'Men Letter Graphic Tee', 'Oversized Hoodie'])} | SHEIN ${r.pick(['USA', 'Deutschland', 'UK'])}`, () => '/'),
  shop('ikea', 18, ['www.ikea.com'], (r) => r.pick([`${r.pick(['KALLAX', 'BILLY', 'MALM', 'POÄNG', 'LACK', 'HEMNES'])} ${r.pick(['Shelf unit, white', 'Bookcase, brown', 'Bed frame, high', 'Armchair, birch veneer', 'Side table, black'])} - IKEA`, 'Shopping bag - IKEA', `${r.pick(['Regal', 'Sofa', 'Bett'])} online kaufen - IKEA Deutschland`]), (r) => `/${r.pick(['us/en', 'de/de'])}/p/`),
  shop('zalando', 16, ['www.zalando.de', 'en.zalando.de', 'www.zalando.fr'], (r) => `${r.pick(['Nike Sportswear', 'Levi’s', 'Tommy Hilfiger', 'Adidas Originals'])} ${r.pick(['AIR FORCE 1 - Sneaker low', 'Jeans Slim Fit', 'Winterjacke', 'SAMBA OG'])} - ${r.pick(['white', 'black', 'dark blue'])} - Zalando.de`, () => '/'),
  shop('otto', 8, ['www.otto.de'], (r) => `${product(r)} online kaufen | OTTO`, () => '/p/'),
  shop('mediamarkt', 12, ['www.mediamarkt.de', 'www.mediamarkt.es'], (r) => `${product(r)} | MediaMarkt`, () => '/de/product/'),
  shop('saturn', 6, ['www.saturn.de'], (r) => `${product(r)} | SATURN`, () => '/de/product/'),
  shop('newegg', 10, ['www.newegg.com'], (r) => `${r.pick(['AMD Ryzen 7 7800X3D', 'NVIDIA GeForce RTX 4070 Super', 'Samsung 990 PRO 2TB NVMe SSD', 'Corsair Vengeance 32GB DDR5'])} - Newegg.com`, () => '/p/'),
  shop('costco', 8, ['www.costco.com'], (r) => `${product(r)} | Costco`, () => '/'),
  shop('wayfair', 8, ['www.wayfair.com'], (r) => `${r.pick(['Mid-Century Modern Sofa', 'Oak Dining Table', 'Area Rug 5x8'])} | Wayfair`, () => '/furniture/pdp/'),
  shop('asos', 10, ['www.asos.com'], (r) => `${r.pick(['ASOS DESIGN oversized t-shirt in black', 'Nike Dunk Low trainers in white', 'Topshop wide leg jeans'])} | ASOS`, () => '/prd/'),
  shop('rakuten', 8, ['www.rakuten.co.jp', 'item.rakuten.co.jp'], () => '【楽天市場】Shopping is Entertainment! ： インターネット最大級の通信販売、通販オンラインショッピングコミュニティ', () => '/'),
  shop('mercadolibre', 10, ['www.mercadolibre.com.mx', 'articulo.mercadolibre.com.ar'], (r) => `${r.pick(['Audífonos Inalámbricos Sony', 'Celular Samsung Galaxy A54', 'Zapatillas Nike'])} | MercadoLibre`, () => '/MLM-'),
  shop('bol', 8, ['www.bol.com'], (r) => `bol.com | ${product(r)}`, () => '/nl/nl/p/'),
  shop('allegro', 6, ['allegro.pl'], (r) => `${r.pick(['Słuchawki bezprzewodowe', 'Buty sportowe', 'Ekspres do kawy'])} - Allegro`, () => '/oferta/'),
  shop('cdiscount', 6, ['www.cdiscount.com'], (r) => `${product(r)} - Cdiscount`, () => '/'),
  shop('apple-store', 12, ['www.apple.com'], (r) => r.pick(['Buy iPhone 15 Pro and iPhone 15 Pro Max - Apple', 'Buy MacBook Air - Apple', 'Bag - Apple', 'Buy AirPods Pro - Apple (DE)']), () => '/shop/buy-iphone/iphone-15-pro'),
  shop('nike', 10, ['www.nike.com'], (r) => `${r.pick(['Nike Air Max 90', 'Nike Pegasus 41', 'Nike Tech Fleece'])} ${r.pick(["Men's Shoes", "Women's Shoes", 'Hoodie'])}. Nike.com`, () => '/t/'),
  shop('hm', 8, ['www2.hm.com'], (r) => `${r.pick(['Relaxed Fit Hoodie', 'Linen-blend shirt', 'Wide trousers'])} - ${r.pick(['Black', 'Beige'])} - Men | H&M ${r.pick(['US', 'DE', 'GB'])}`, () => '/en_us/productpage.html'),
  shop('uniqlo', 6, ['www.uniqlo.com'], (r) => `${r.pick(['Ultra Light Down Jacket', 'AIRism Cotton T-Shirt', 'Heattech Extra Warm'])} | UNIQLO US`, () => '/us/en/products/'),
  shop('zara', 6, ['www.zara.com'], (r) => `${r.pick(['TEXTURED OVERSHIRT', 'STRAIGHT FIT JEANS', 'LEATHER EFFECT JACKET'])} - ${r.pick(['Ecru', 'Black', 'Blue'])} | ZARA ${r.pick(['United States', 'Germany', 'Spain'])}`, () => '/us/en/'),
  shop('idealo', 10, ['www.idealo.de'], (r) => `${product(r)} ab ${r.int(19, 999)},${r.pick(['99', '00', '49'])} € | Preisvergleich bei idealo.de`, () => '/preisvergleich/'),
  shop('geizhals', 6, ['geizhals.de', 'geizhals.at'], (r) => `${product(r)} ab € ${r.int(19, 999)},${r.pick(['99', '00'])} (2024) | Preisvergleich Geizhals Deutschland`, () => '/'),
  shop('kleinanzeigen', 12, ['www.kleinanzeigen.de'], (r) => `${r.pick(['Fahrrad 28 Zoll', 'Sofa zu verschenken', 'iPhone 13 wie neu', 'Kinderwagen'])} | Kleinanzeigen ist jetzt Kleinanzeigen`, () => '/s-anzeige/'),
  shop('vinted', 10, ['www.vinted.de', 'www.vinted.fr', 'www.vinted.com'], (r) => `${r.pick(['Levi’s 501 jeans', 'Zara blazer', 'Nike hoodie', 'Vintage denim jacket'])} | Vinted`, () => '/items/'),
  shop('homedepot', 8, ['www.homedepot.com'], (r) => `${r.pick(['DEWALT 20V MAX Cordless Drill', 'Husky 5-Drawer Tool Chest', 'Behr Premium Plus Paint'])} - The Home Depot`, () => '/p/'),
  shop('sephora', 8, ['www.sephora.com'], (r) => `${r.pick(['Rare Beauty Soft Pinch Liquid Blush', 'Dior Sauvage Eau de Parfum', 'The Ordinary Niacinamide 10%'])} | Sephora`, () => '/product/'),
  shop('decathlon', 8, ['www.decathlon.de', 'www.decathlon.fr'], (r) => `${r.pick(['Wanderschuh MH100', 'Zelt 2 Seconds', 'Fahrradhelm 500'])} | Decathlon`, () => '/p/'),
  shop('flipkart', 8, ['www.flipkart.com'], (r) => `${product(r)} Price in India - Buy Online at Best Prices - Flipkart.com`, () => '/p/'),
  shop('taobao', 6, ['www.taobao.com', 'item.taobao.com'], () => '淘宝网 - 淘！我喜欢', () => '/'),
  shop('jd', 5, ['www.jd.com', 'item.jd.com'], () => '京东(JD.COM)-正品低价、品质保障、配送及时、轻松购物！', () => '/'),
  shop('shopify-stores', 20, ['www.allbirds.com', 'www.gymshark.com', 'shop.acme-coffee.com', 'www.kyliecosmetics.com', 'www.bombas.com', 'www.fashionnova.com'], (r) => r.pick([`${r.pick(["Men's Tree Runners", 'Vital Seamless Leggings', 'Ethiopia Yirgacheffe 250g', 'Lip Kit', 'Ankle Socks 6-Pack'])} – ${r.pick(['Allbirds', 'Gymshark', 'Acme Coffee', 'Kylie Cosmetics', 'Bombas'])}`, `Your Shopping Cart – ${r.pick(['Allbirds', 'Gymshark', 'Acme Coffee'])}`, `Checkout - ${r.pick(['Gymshark', 'Acme Coffee', 'Bombas'])}`]), (r) => r.pick(['/products/', '/cart', '/checkouts/'])),
  shop('instacart', 8, ['www.instacart.com'], () => 'Instacart', () => '/store/'),
];

const bank = (r: Rng) => r.pick(BANK_PAGES);
function bankSite(group: string, count: number, hosts: string[], title: (r: Rng) => string, brand?: string): Source {
  const name = brand ?? brandOf(group);
  return web(group, F, count, (r) => ({
    title: r.chance(0.25) ? `${r.pick([fw(r), bank(r)])} ${r.pick(['|', '-', '–'])} ${name}` : title(r),
    host: r.pick(hosts),
    path: r.pick(['/', '/accounts', '/banking/overview', '/myaccounts/summary', '/login', '/transactions', '/portfolio', '/statements']),
  }));
}
export const finance: Source[] = [
  bankSite('chase', 22, ['secure.chase.com', 'www.chase.com'], (r) => r.pick(['Chase Online - My Accounts', 'Chase.com - Sign in', `Chase Online - ${bank(r)}`, 'Credit Card, Mortgage, Banking, Auto | Chase Online | Chase.com'])),
  bankSite('bank-of-america', 18, ['secure.bankofamerica.com', 'www.bankofamerica.com'], (r) => `Bank of America | Online Banking | ${r.pick(['Accounts Overview', 'Account Details', 'Transfers', 'Sign In'])}`),
  bankSite('wells-fargo', 14, ['connect.secure.wellsfargo.com', 'www.wellsfargo.com'], (r) => r.pick(['Wells Fargo Account Summary', `Wells Fargo - ${bank(r)}`])),
  bankSite('citi', 10, ['online.citi.com'], (r) => `Citi.com - ${r.pick(['Account Details', 'Dashboard', 'Payments'])}`),
  bankSite('capital-one', 10, ['myaccounts.capitalone.com'], (r) => `Capital One - ${r.pick(['Account Summary', 'Transactions', 'Rewards'])}`),
  bankSite('hsbc', 10, ['www.hsbc.co.uk', 'www.hsbc.com.hk'], (r) => `HSBC UK - ${r.pick(['My Accounts', 'Log on', 'Statements'])}`),
  bankSite('barclays', 10, ['bank.barclays.co.uk'], (r) => `${r.pick(['Account summary', 'Statements', 'Log in'])} | Barclays`),
  bankSite('lloyds', 8, ['online.lloydsbank.co.uk'], () => 'Lloyds Bank - Your accounts'),
  bankSite('santander', 10, ['www.santander.co.uk', 'www.bancosantander.es'], (r) => `${r.pick(['Santander Online Banking', 'Santander - Mis cuentas', 'Santander - Movimientos'])}`),
  bankSite('ing', 16, ['banking.ing.de', 'mijn.ing.nl', 'www.ing.de'], (r) => r.pick(['Mijn ING', 'Online-Banking | ING', `${bank(r)} | ING`, 'Girokonto - Umsätze - ING'])),
  bankSite('deutsche-bank', 10, ['meine.deutsche-bank.de'], (r) => `Deutsche Bank - ${r.pick(['Finanzstatus', 'Umsatzanzeige', 'Überweisung', 'Login'])}`),
  bankSite('sparkasse', 20, ['www.sparkasse-koelnbonn.de', 'www.haspa.de', 'www.sparkasse-hannover.de', 'www.berliner-sparkasse.de'], (r) => `${r.pick(['Finanzstatus', 'Umsätze', 'Online-Banking', 'Überweisung', 'Kontoübersicht'])} | ${r.pick(['Sparkasse KölnBonn', 'Hamburger Sparkasse', 'Sparkasse Hannover', 'Berliner Sparkasse'])}`),
  bankSite('commerzbank', 8, ['kunden.commerzbank.de'], (r) => `Commerzbank - ${r.pick(['Finanzübersicht', 'Umsätze', 'Depot'])}`),
  bankSite('n26', 12, ['app.n26.com'], (r) => `N26 — ${r.pick(['Transactions', 'Spaces', 'Statements', 'Home'])}`),
  bankSite('revolut', 10, ['app.revolut.com'], (r) => r.pick(['Revolut', `Revolut - ${r.pick(['Accounts', 'Transactions', 'Stocks'])}`])),
  bankSite('wise', 10, ['wise.com'], (r) => r.pick(['Wise - Send money', `${r.pick(['Home', 'Balances', 'Transactions'])} - Wise`])),
  bankSite('paypal', 22, ['www.paypal.com'], (r) => r.pick(['Summary - PayPal', 'Activity - PayPal', 'Log in to your PayPal account', 'PayPal: Wallet', 'Send money - PayPal'])),
  bankSite('monzo', 6, ['web.monzo.com'], (r) => r.pick(['Monzo', `Monzo – ${bank(r)}`])),
  bankSite('starling', 6, ['www.starlingbank.com'], (r) => `${bank(r)} | Starling Bank`),
  bankSite('dkb', 8, ['banking.dkb.de'], (r) => `${r.pick(['Finanzübersicht', 'Umsätze', 'Überweisung', 'Depot'])} | DKB`),
  bankSite('comdirect', 6, ['kunde.comdirect.de'], (r) => `comdirect - ${r.pick(['Finanzübersicht', 'Umsätze', 'Depotübersicht'])}`),
  bankSite('volksbank', 6, ['www.vr.de', 'www.volksbank-mittelhessen.de'], (r) => `${r.pick(['Banking', 'Umsätze', 'Finanzstatus'])} - Volksbank`),
  bankSite('postbank', 5, ['meine.postbank.de'], (r) => `Postbank – ${r.pick(['Finanzstatus', 'Umsätze'])}`),
  bankSite('lcl', 5, ['monespace.lcl.fr'], (r) => `${r.pick(['Mes comptes', 'Virements', 'Synthèse'])} - LCL`),
  bankSite('caixabank', 5, ['www.caixabank.es'], (r) => `CaixaBank - ${r.pick(['Posición global', 'Movimientos', 'Transferencias'])}`),
  bankSite('intesa', 5, ['www.intesasanpaolo.com'], (r) => `Intesa Sanpaolo - ${r.pick(['Conto corrente', 'Movimenti', 'Bonifico'])}`),
  bankSite('td-bank', 5, ['easyweb.td.com'], (r) => `TD EasyWeb - ${r.pick(['Accounts', 'Transfers', 'Pay Bills'])}`),
  bankSite('commbank', 5, ['www.my.commbank.com.au'], (r) => `NetBank - ${r.pick(['Home', 'Transfer', 'Accounts'])}`),
  bankSite('nubank', 5, ['app.nubank.com.br'], (r) => `Nubank - ${r.pick(['Extrato', 'Cartão', 'Início'])}`),
  bankSite('bnp', 8, ['mabanque.bnpparibas'], (r) => `${r.pick(['Mes comptes', 'Virement', 'Relevés'])} - BNP Paribas`),
  bankSite('credit-agricole', 6, ['www.credit-agricole.fr'], (r) => `${r.pick(['Mes comptes', 'Synthèse'])} - Crédit Agricole`),
  bankSite('rabobank', 6, ['bankieren.rabobank.nl'], () => 'Rabo Internetbankieren'),
  bankSite('bbva', 6, ['www.bbva.es'], (r) => `BBVA | ${r.pick(['Posición global', 'Movimientos', 'Tarjetas'])}`),
  bankSite('schwab', 8, ['client.schwab.com'], (r) => `${r.pick(['Accounts Summary', 'Positions', 'Transfers'])} | Charles Schwab`),
  bankSite('fidelity', 10, ['digital.fidelity.com'], (r) => `${r.pick(['Portfolio Summary', 'Positions', 'Activity & Orders'])} | Fidelity Investments`),
  bankSite('vanguard', 8, ['personal1.vanguard.com'], (r) => `${r.pick(['Balances & holdings', 'Performance', 'Dashboard'])} | Vanguard`),
  bankSite('robinhood', 10, ['robinhood.com'], (r) => r.pick(['Investing | Robinhood', `${r.pick(TICKERS)} - $${r.int(20, 900)}.${r.digits(2)} | Robinhood`, 'Account | Robinhood'])),
  bankSite('etrade', 6, ['us.etrade.com'], () => 'E*TRADE | Portfolios'),
  bankSite('coinbase', 12, ['www.coinbase.com'], (r) => r.pick(['Coinbase - Home', `${r.pick(['Bitcoin', 'Ethereum', 'Solana'])} price, ${r.pick(['BTC', 'ETH', 'SOL'])} to USD | Coinbase`, 'Portfolio | Coinbase'])),
  bankSite('binance', 10, ['www.binance.com'], (r) => `${r.int(20000, 70000).toLocaleString('en-US')} | ${r.pick(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'])} | Binance Spot`),
  bankSite('kraken', 6, ['pro.kraken.com'], () => 'Kraken Pro'),
  bankSite('monarch', 8, ['app.monarchmoney.com'], (r) => `${r.pick(['Dashboard', 'Transactions', 'Budget', 'Cash Flow'])} | Monarch Money`),
  mixed('ynab', 12, [
    [1, (r) => ({ ...visit(r, { title: `${r.pick(['Budget', 'All Accounts', 'Reflect'])} | YNAB`, host: 'app.ynab.com', path: '/budget' }), categoryId: F })],
    [1, (r) => ({ app: r.pick(['YNAB', 'YNAB.exe']), title: `${r.pick(['My Budget', 'Family Budget'])} - YNAB`, categoryId: F })],
  ]),
  native('quicken', F, 10, ['qw.exe', 'Quicken'], (r) => `Quicken Classic - ${r.pick(['Home', 'Family Finances'])} - [${r.pick(['Home', 'Spending', 'Bills & Income', 'Investing'])}]`),
  native('moneymoney', F, 6, ['MoneyMoney'], (r) => r.pick(['MoneyMoney', `MoneyMoney – ${r.pick(['Umsätze', 'Konten', 'Giro'])}`])),
  native('banktivity', F, 5, ['Banktivity'], (r) => `${r.pick(['Household', 'Finances'])} — ${fw(r)}`),
  native('actual-budget', F, 5, ['Actual', 'Actual.exe'], (r) => `${r.pick(['Budget', 'All accounts', 'Reports'])} - Actual`),
  native('starmoney', F, 5, ['StarMoney.exe', 'StarMoney 14'], (r) => `StarMoney 14 - ${r.pick(['Kontenliste', 'Umsätze', 'Überweisung'])}`),
  native('gnucash', F, 6, ['gnucash.exe', 'GnuCash'], (r) => `${r.pick(['household', 'finances2024'])}.gnucash - Accounts - GnuCash`),
  native('ibkr-tws', F, 8, ['tws.exe', 'Trader Workstation'], (r) => r.pick(['Interactive Brokers - Trader Workstation', `U${r.digits(7)} Interactive Brokers`])),
  native('metatrader', F, 6, ['terminal64.exe', 'MetaTrader 5'], (r) => `${r.digits(8)}: ${r.pick(['ICMarkets-Demo', 'Pepperstone-Live'])} - Demo Account - [${r.pick(['EURUSD', 'XAUUSD', 'GBPJPY'])},${r.pick(['H1', 'M15', 'D1'])}]`),
  web('tradingview', F, 14, (r) => ({ title: `${r.pick(TICKERS)} ${r.int(20, 900)}.${r.digits(2)} ${r.pick(['▲', '▼'])} ${r.pick(['+', '−'])}${r.int(0, 5)}.${r.digits(2)}% Unnamed — TradingView`, host: 'www.tradingview.com', path: '/chart/' })),
  web('yahoo-finance', F, 14, (r) => ({ title: `${r.pick(['Apple Inc.', 'NVIDIA Corporation', 'Tesla, Inc.', 'SAP SE'])} (${r.pick(TICKERS)}) Stock Price, News, Quote & History - Yahoo Finance`, host: 'finance.yahoo.com', path: '/quote/' })),
  web('google-finance', F, 6, (r) => ({ title: `${r.pick(['Apple Inc', 'Microsoft Corp', 'Alphabet Inc Class A'])} (${r.pick(TICKERS)}) Stock Price & News - Google Finance`, host: 'www.google.com', path: '/finance/quote/' })),
  web('morningstar', F, 6, (r) => ({ title: `${r.pick(['Vanguard Total Stock Market ETF', 'iShares Core MSCI World'])} | Morningstar`, host: 'www.morningstar.com', path: '/etfs/' })),
  web('finanzen-net', F, 8, (r) => ({ title: `${r.pick(['Apple Aktie', 'Tesla Aktie', 'DAX'])} | Aktienkurs | ${r.pick(['Kurs', 'Chart', 'News'])} | finanzen.net`, host: 'www.finanzen.net', path: '/aktien/' })),
  web('trade-republic', F, 10, (r) => ({ title: r.pick(['Trade Republic', `Portfolio – Trade Republic`, `${r.pick(['Apple', 'MSCI World', 'Bitcoin'])} – Trade Republic`]), host: 'app.traderepublic.com', path: '/portfolio' })),
  web('degiro', F, 6, () => ({ title: 'DEGIRO', host: 'trader.degiro.nl', path: '/trader/' })),
  web('scalable', F, 6, () => ({ title: 'Broker | Scalable Capital', host: 'de.scalable.capital', path: '/broker' })),
  web('credit-karma', F, 6, () => ({ title: 'Credit Karma', host: 'www.creditkarma.com', path: '/dashboard' })),
  web('turbotax', F, 8, () => ({ title: 'TurboTax Online', host: 'myturbotax.intuit.com', path: '/' })),
  web('elster', F, 8, (r) => ({ title: r.pick(['Mein ELSTER', 'Einkommensteuererklärung 2023 | Mein ELSTER']), host: 'www.elster.de', path: '/eportal/' })),
  web('hmrc', F, 6, () => ({ title: 'Personal tax account - GOV.UK', host: 'www.tax.service.gov.uk', path: '/personal-account' })),
  web('irs', F, 6, () => ({ title: 'Your Online Account | Internal Revenue Service', host: 'www.irs.gov', path: '/payments/your-online-account' })),
  web('splitwise', F, 6, () => ({ title: 'Splitwise', host: 'secure.splitwise.com', path: '/#/dashboard' })),
  web('venmo', F, 5, () => ({ title: 'Venmo', host: 'account.venmo.com', path: '/' })),
  web('klarna', F, 6, (r) => ({ title: r.pick(['Klarna', 'Klarna | Meine Einkäufe']), host: 'app.klarna.com', path: '/' })),
  web('amex', F, 8, (r) => ({ title: `American Express - ${r.pick(['Summary', 'Statements & Activity', 'Log In'])}`, host: 'global.americanexpress.com', path: '/dashboard' })),
  web('ally', F, 5, () => ({ title: 'Ally Bank - Snapshot', host: 'secure.ally.com', path: '/dashboard' })),
  web('empower', F, 5, () => ({ title: 'Empower Personal Dashboard', host: 'home.personalcapital.com', path: '/page/login/app' })),
];

const folder = (r: Rng) => r.pick(FOLDERS);
const user = (r: Rng) => r.pick(['alice', 'bob', 'jdoe', 'lukas', 'mgarcia', 'yuki']);
export const system: Source[] = [
  native('explorer', SY, 55, ['explorer.exe', 'Explorer.EXE', 'File Explorer'], (r) => r.pick([folder(r), `C:\\Users\\${user(r)}\\${folder(r)}`, 'File Explorer', 'Program Manager', 'Task Switching', 'Start', 'Search', '', `${folder(r)} - File Explorer`])),
  native('finder', SY, 40, ['Finder'], (r) => r.pick([folder(r), 'Finder', 'Recents', 'AirDrop', 'iCloud Drive', ''])),
  native('windows-settings', SY, 35, ['SystemSettings.exe', 'Settings', 'ApplicationFrameHost.exe'], (r) => r.pick(['Settings', `Settings - ${r.pick(SETTINGS_PAGES)}`, r.pick(SETTINGS_PAGES)])),
  native('macos-settings', SY, 25, ['System Settings', 'System Preferences'], (r) => r.pick([r.pick(SETTINGS_PAGES), 'System Settings', 'System Preferences'])),
  native('control-panel', SY, 14, ['control.exe', 'Control Panel'], (r) => `Control Panel\\${r.pick(['All Control Panel Items\\Power Options', 'Hardware and Sound\\Devices and Printers', 'Programs\\Programs and Features', 'Network and Internet\\Network Connections'])}`),
  native('task-manager', SY, 18, ['Taskmgr.exe', 'Task Manager'], () => 'Task Manager'),
  native('activity-monitor', SY, 14, ['Activity Monitor'], (r) => r.pick(['Activity Monitor', 'Activity Monitor (All Processes)', 'Activity Monitor (My Processes)'])),
  native('powershell', SY, 16, ['powershell.exe', 'pwsh.exe', 'cmd.exe'], (r) => r.pick(['Windows PowerShell', 'Administrator: Windows PowerShell', 'Command Prompt', 'Administrator: Command Prompt', `PowerShell 7.4.1`, r.pick(SYSTEM_COMMANDS)])),
  native('disk-utility', SY, 8, ['Disk Utility'], () => 'Disk Utility'),
  native('installer', SY, 22, ['msiexec.exe', 'Installer', 'Setup.exe', 'setup.exe'], (r) => {
    const app = r.pick(INSTALLERS);
    return r.pick([`${app} Setup`, `Setup - ${app}`, `Install ${app}`, `${app} Installer`, 'Windows Installer']);
  }),
  native('windows-security', SY, 10, ['SecHealthUI.exe', 'Windows Security'], (r) => r.pick(['Windows Security', `Windows Security - ${r.pick(['Virus & threat protection', 'Firewall & network protection'])}`])),
  native('lock-screen', SY, 14, ['LockApp.exe', 'loginwindow', 'ScreenSaverEngine'], (r) => r.pick(['Windows Default Lock Screen', 'loginwindow', '', 'Screen Saver'])),
  native('spotlight', SY, 10, ['Spotlight', 'Alfred', 'Raycast'], (r) => r.pick(['Spotlight', 'Alfred', 'Raycast', ''])),
  native('powertoys', SY, 8, ['PowerToys.exe', 'PowerToys.Settings.exe', 'PowerToys.PowerLauncher.exe'], (r) => r.pick(['PowerToys Settings', 'PowerToys Run', 'PowerToys'])),
  native('shell-experience', SY, 14, ['ShellExperienceHost.exe', 'SearchHost.exe', 'StartMenuExperienceHost.exe', 'SearchApp.exe'], (r) => r.pick(['Search', 'Start', 'New notification', 'Action center', 'Notification Center', ''])),
  native('nautilus', SY, 14, ['org.gnome.Nautilus', 'nautilus', 'Files'], (r) => r.pick([folder(r), 'Home', `${folder(r)} — Files`])),
  native('dolphin-fm', SY, 8, ['dolphin'], (r) => `${folder(r)} — Dolphin`),
  native('gnome-settings', SY, 8, ['gnome-control-center', 'systemsettings'], (r) => r.pick(['Settings', r.pick(SETTINGS_PAGES), 'System Settings'])),
  native('device-manager', SY, 8, ['mmc.exe'], (r) => r.pick(['Device Manager', 'Disk Management', 'Event Viewer', 'Services', 'Computer Management'])),
  native('regedit', SY, 5, ['regedit.exe'], () => 'Registry Editor'),
  native('7zip', SY, 10, ['7zFM.exe', '7-Zip'], (r) => `C:\\Users\\${user(r)}\\Downloads\\${r.pick(['archive', 'photos_2023', 'drivers', 'project-backup'])}.zip\\`),
  native('winrar', SY, 8, ['WinRAR.exe'], (r) => `${r.pick(['archive', 'setup_files', 'backup'])}.rar - WinRAR`),
  native('archive-utility', SY, 5, ['Archive Utility', 'The Unarchiver'], (r) => r.pick(['Archive Utility', 'The Unarchiver'])),
  native('password-manager', SY, 16, ['1Password.exe', '1Password', 'Bitwarden.exe', 'Bitwarden', 'KeePassXC.exe', 'KeePassXC'], (r) => r.pick(['1Password', 'All Items — 1Password', 'Bitwarden', 'My Vault | Bitwarden', 'Passwords.kdbx - KeePassXC', 'KeePassXC'])),
  native('keychain', SY, 5, ['Keychain Access'], () => 'Keychain Access'),
  native('remote-support', SY, 10, ['AnyDesk.exe', 'AnyDesk', 'TeamViewer.exe', 'TeamViewer'], (r) => r.pick(['AnyDesk', 'TeamViewer', `${r.digits(9)} - AnyDesk`, 'Remote control - TeamViewer'])),
  native('snipping', SY, 14, ['SnippingTool.exe', 'ScreenClippingHost.exe', 'Screenshot', 'ShareX.exe', 'Greenshot.exe', 'flameshot'], (r) => r.pick(['Snipping Tool', 'Screen Snipping', 'Screenshot', 'ShareX', 'Greenshot', 'flameshot'])),
  native('calculator', SY, 10, ['CalculatorApp.exe', 'Calculator', 'gnome-calculator'], () => 'Calculator'),
  native('gpu-tools', SY, 8, ['nvcplui.exe', 'RadeonSoftware.exe', 'NVIDIA App'], (r) => r.pick(['NVIDIA Control Panel', 'AMD Software: Adrenalin Edition', 'NVIDIA App'])),
  native('peripherals', SY, 8, ['lghub.exe', 'Logi Options+', 'iCUE.exe', 'Razer Synapse'], (r) => r.pick(['Logitech G HUB', 'Logi Options+', 'iCUE', 'Razer Synapse'])),
  native('bluetooth', SY, 6, ['fsquirt.exe', 'Bluetooth File Transfer', 'blueman-manager'], () => 'Bluetooth'),
  native('virtualbox', SY, 8, ['VirtualBox.exe', 'VirtualBoxVM.exe', 'VirtualBox'], (r) => r.pick(['Oracle VM VirtualBox Manager', `${r.pick(['Ubuntu 22.04', 'Windows 11', 'Kali'])} [Running] - Oracle VM VirtualBox`])),
  native('vmware', SY, 5, ['vmware.exe'], (r) => `${r.pick(['Ubuntu 64-bit', 'Windows 10 x64'])} - VMware Workstation`),
  native('software-update', SY, 10, ['Software Update', 'WindowsUpdateBox.exe', 'gnome-software', 'synaptic', 'pamac-manager', 'Discover'], (r) => r.pick(['Software Update', 'Windows Update', 'Software', 'Synaptic Package Manager', 'Add/Remove Software', 'Discover'])),
  native('microsoft-store', SY, 8, ['WinStore.App.exe', 'Microsoft Store', 'App Store'], (r) => r.pick(['Microsoft Store', 'App Store', 'Updates'])),
  native('print-queue', SY, 6, ['PrintUI.exe', 'Print Center', 'system-config-printer'], (r) => r.pick(['HP LaserJet Pro M404 - Print Queue', 'Print Center', 'Printers'])),
  native('time-machine', SY, 4, ['Time Machine', 'Backup'], () => 'Time Machine'),
  native('antivirus', SY, 8, ['mbam.exe', 'avgui.exe', 'AvastUI.exe', 'CCleaner64.exe'], (r) => r.pick(['Malwarebytes', 'AVG AntiVirus Free', 'Avast Free Antivirus', 'CCleaner'])),
  native('system-monitor', SY, 6, ['gnome-system-monitor', 'ksysguard', 'Resource Monitor'], (r) => r.pick(['System Monitor', 'Resource Monitor'])),
  web('router-admin', SY, 12, (r) => ({ title: r.pick(['FRITZ!Box', 'TP-Link Router Admin', 'Netgear Router', 'OpenWrt - Overview - LuCI', 'UniFi Network', 'Speedport Smart 4']), host: r.pick(['192.168.1.1', '192.168.0.1', 'fritz.box', '10.0.0.1']), path: '/' })),
  web('speedtest', SY, 8, () => ({ title: 'Speedtest by Ookla - The Global Broadband Speed Test', host: 'www.speedtest.net', path: '/' })),
  web('microsoft-account', SY, 6, (r) => ({ title: r.pick(['Microsoft account | Home', 'Devices | Microsoft account', 'Security | Microsoft account']), host: 'account.microsoft.com', path: '/devices' })),
  web('apple-id', SY, 5, () => ({ title: 'Apple Account', host: 'account.apple.com', path: '/' })),
  web('google-account', SY, 6, (r) => ({ title: r.pick(['Google Account', 'Security - Google Account', 'Password Manager']), host: 'myaccount.google.com', path: '/security' })),
];
