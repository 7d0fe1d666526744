import { Source, mixed, native, visit, web } from './kit';
import { Rng } from './rng';
import {
  DE_HEADLINES, ES_HEADLINES, FR_HEADLINES, GAMES, IT_HEADLINES, JA_HEADLINES, MOVIES, NL_HEADLINES, NON_ENGLISH_VIDEOS, PLAYLISTS,
  TECH_HEADLINES, englishHeadline, person, slug, videoTitle,
  ALBUMS, ALL_SHOWS, ALL_SONGS, MUSIC_WORDS, POSTS_ALL, SOCIAL_PAGES, STREAMERS, VIDEO_WORDS,
} from './vocab';

const V = 'entertainment:video';
const MU = 'entertainment:music';
const G = 'entertainment:games';
const S = 'entertainment:social-media';
const N = 'entertainment:news';

const video = (r: Rng) => (r.chance(0.15) ? r.pick(NON_ENGLISH_VIDEOS) : r.chance(0.08) ? r.pick(['Rust in 100 Seconds', 'Learn Python in 1 Hour', 'ELDEN RING Walkthrough Part 3', 'Taylor Swift - Anti-Hero (Official Music Video)', 'Why the Fed Raised Rates Again']) : videoTitle(r));
const show = (r: Rng) => r.pick(ALL_SHOWS);
const vw = (r: Rng) => r.pick(VIDEO_WORDS);
const streamer = (r: Rng) => r.pick(STREAMERS);
const mw = (r: Rng) => r.pick(MUSIC_WORDS);
const sp = (r: Rng) => r.pick(SOCIAL_PAGES);
const title = (r: Rng) => (r.chance(0.5) ? show(r) : r.pick(MOVIES));
const ep = (r: Rng) => `S${r.int(1, 6)}:E${r.int(1, 12)}`;
const song = (r: Rng) => r.pick(ALL_SONGS);
/** Formats one (artist, title) pair. */
const sa = (r: Rng, f: (artist: string, title: string) => string) => {
  const [a, t] = song(r);
  return f(a, t);
};
const mediaFile = (r: Rng) => `${r.pick([...ALL_SHOWS, ...MOVIES]).replace(/[^\p{L}\p{N}]+/gu, '.')}.${r.pick(['S01E03.1080p.WEB-DL', '2023.2160p.BluRay.x265', 'S02E07.720p', '1080p'])}.${r.pick(['mkv', 'mp4', 'avi'])}`;
const unread = (r: Rng) => (r.chance(0.35) ? `(${r.int(1, 60)}) ` : '');
const handle = (r: Rng) => r.pick(['elonmusk', 'nasa', 'jack', 'taylorswift13', 'natgeo', 'bbcbreaking', 'dril', 'mkbhd', 'vitalik', 'lexfridman', 'sama', 'dhh']);
const sub = (r: Rng) => r.pick(['AskReddit', 'programming', 'worldnews', 'aww', 'pcmasterrace', 'de', 'europe', 'AskHistorians', 'mildlyinteresting', 'gaming', 'LifeProTips', 'personalfinance', 'todayilearned', 'science', 'cats', 'formula1']);
const post = (r: Rng) => r.pick(POSTS_ALL);

export const video_: Source[] = [
  web('youtube', V, 90, (r) => ({ title: r.chance(0.08) ? `🔴 LIVE: ${streamer(r)} ${r.pick(['stream', 'live stream', 'playing ' + r.pick(GAMES)])} - YouTube` : `${r.chance(0.25) ? `(${r.int(1, 99)}) ` : ''}${video(r)} - YouTube`, host: r.pick(['www.youtube.com', 'youtube.com', 'm.youtube.com']), path: r.chance(0.9) ? `/watch?v=${r.alnum(11)}` : '/' })),
  web('netflix', V, 40, (r) => ({ title: r.pick(['Netflix', `${show(r)} | Netflix`, `Watch ${title(r)} | Netflix Official Site`, 'Home - Netflix', `${vw(r)} - Netflix`, `${show(r)}: ${ep(r)} | Netflix`]), host: 'www.netflix.com', path: r.pick([`/watch/${r.digits(8)}`, '/browse', `/title/${r.digits(8)}`]) })),
  web('prime-video', V, 25, (r) => ({ title: r.pick([`Prime Video: ${title(r)}`, `Watch ${title(r)} | Prime Video`, 'Prime Video']), host: r.pick(['www.primevideo.com', 'www.amazon.com']), path: r.pick(['/detail/', '/gp/video/detail/']) })),
  web('disney-plus', V, 25, (r) => ({ title: r.pick([`${title(r)} | Disney+`, `Watch ${title(r)} | Disney+`, `${vw(r)} | Disney+`]), host: 'www.disneyplus.com', path: '/video/' })),
  web('hulu', V, 12, (r) => ({ title: `Watch ${show(r)} Streaming Online | Hulu`, host: 'www.hulu.com', path: '/watch/' })),
  web('max', V, 14, (r) => ({ title: r.pick([`${show(r)} | Max`, 'Max', `Watch ${show(r)} (${ep(r)}) | Max`, `${vw(r)} | Max`]), host: 'play.max.com', path: '/video/watch/' })),
  web('twitch', V, 35, (r) => ({ title: r.pick([`${streamer(r)} - Twitch`, `${r.pick(GAMES)} - Twitch`, 'Twitch', `${r.pick(['Just Chatting', 'Following', 'Browse', 'Live Channels'])} - Twitch`, `${streamer(r)} - ${r.pick(['Live', 'Videos', 'Clips'])} - Twitch`]), host: 'www.twitch.tv', path: `/${r.pick(['xqc', 'shroud', 'gronkh', 'directory/category/just-chatting'])}` })),
  native('vlc', V, 30, ['vlc.exe', 'VLC', 'VLC media player', 'vlc'], (r) => r.pick([`${mediaFile(r)} - VLC media player`, 'VLC media player'])),
  native('mpv', V, 12, ['mpv.exe', 'mpv'], (r) => `${mediaFile(r)} - mpv`),
  native('iina', V, 10, ['IINA'], (r) => mediaFile(r)),
  native('potplayer', V, 10, ['PotPlayerMini64.exe', 'PotPlayer'], (r) => `${mediaFile(r)} - PotPlayer`),
  native('mpc-hc', V, 8, ['mpc-hc64.exe', 'MPC-HC'], (r) => `${mediaFile(r)} - MPC-HC`),
  native('plex', V, 12, ['Plex.exe', 'Plex', 'Plex HTPC'], (r) => r.pick(['Plex', `${title(r)} - Plex`, `${show(r)} - ${ep(r)} - Plex`])),
  native('kodi', V, 6, ['kodi.exe', 'Kodi'], (r) => r.pick(['Kodi', `Kodi - ${show(r)}`])),
  native('apple-tv', V, 10, ['TV', 'Apple TV'], (r) => r.pick(['TV', `${show(r)}`])),
  native('movies-tv', V, 8, ['Video.UI.exe', 'Movies & TV', 'Media Player'], (r) => r.pick(['Movies & TV', `${mediaFile(r)} - Media Player`])),
  native('stremio', V, 6, ['stremio.exe', 'Stremio'], (r) => r.pick(['Stremio', `${show(r)} - Stremio`])),
  web('crunchyroll', V, 18, (r) => ({ title: `Watch ${r.pick(['One Piece', 'Jujutsu Kaisen', 'Frieren', 'Spy x Family', 'Solo Leveling'])} ${r.pick(['Episode 12', 'Season 2', ''])} - Crunchyroll`.replace('  ', ' '), host: 'www.crunchyroll.com', path: '/watch/' })),
  web('vimeo', V, 12, (r) => ({ title: `${video(r)} on Vimeo`, host: 'vimeo.com', path: `/${r.digits(9)}` })),
  web('dailymotion', V, 8, (r) => ({ title: `${video(r)} - Dailymotion`, host: 'www.dailymotion.com', path: `/video/${r.alnum(7)}` })),
  web('paramount', V, 6, (r) => ({ title: `${show(r)} - Watch on Paramount Plus`, host: 'www.paramountplus.com', path: '/shows/' })),
  web('peacock', V, 5, (r) => ({ title: `${show(r)} | Peacock`, host: 'www.peacocktv.com', path: '/watch/' })),
  web('mubi', V, 5, (r) => ({ title: `${r.pick(MOVIES)} | MUBI`, host: 'mubi.com', path: '/films/' })),
  web('bilibili', V, 14, (r) => ({ title: `${r.chance(0.6) ? r.pick(NON_ENGLISH_VIDEOS) : video(r)}_哔哩哔哩_bilibili`, host: 'www.bilibili.com', path: `/video/BV${r.alnum(10)}` })),
  web('niconico', V, 8, (r) => ({ title: `${r.chance(0.6) ? r.pick(NON_ENGLISH_VIDEOS) : video(r)} - ニコニコ動画`, host: 'www.nicovideo.jp', path: '/watch/sm' })),
  web('tubi', V, 6, (r) => ({ title: `Watch ${r.pick(MOVIES)} (${r.int(1990, 2023)}) - Free Movies | Tubi`, host: 'tubitv.com', path: '/movies/' })),
  web('kick', V, 6, (r) => ({ title: r.pick([`${streamer(r)} | Kick`, `${streamer(r)} Stream - Watch Live on Kick`]), host: 'kick.com', path: '/' })),
  web('joyn', V, 6, (r) => ({ title: `${r.pick(['Germany’s Next Topmodel', 'Das Traumschiff', 'Tatort', show(r)])} ${r.pick(['- Joyn', 'im Stream - Joyn', 'ansehen | Joyn'])}`, host: 'www.joyn.de', path: '/serien/' })),
  web('ard-mediathek', V, 6, (r) => ({ title: `${r.pick(['Tatort', 'Babylon Berlin', 'Sportschau'])} - ARD Mediathek`, host: 'www.ardmediathek.de', path: '/video/' })),
  web('jellyfin', V, 6, (r) => ({ title: r.pick(['Jellyfin', `${title(r)} - Jellyfin`]), host: r.pick(['jellyfin.home.lan', '192.168.1.20:8096']), path: '/web/' })),
];

export const music: Source[] = [
  mixed('spotify', 80, [
    [4, (r) => {
      const [a, t] = song(r);
      return { app: r.pick(['Spotify.exe', 'Spotify', 'spotify']), title: r.pick([`${a} - ${t}`, `${a} - ${t}`, 'Spotify Premium', 'Spotify Free', 'Spotify']), categoryId: MU };
    }],
    [2, (r) => {
      const [a, t] = song(r);
      return { ...visit(r, r.pick([
        { title: `${t} - song and lyrics by ${a} | Spotify`, host: 'open.spotify.com', path: `/track/${r.alnum(22)}` },
        { title: `${r.pick(PLAYLISTS)} - playlist by ${r.pick(['Spotify', 'user'])} | Spotify`, host: 'open.spotify.com', path: `/playlist/${r.alnum(22)}` },
        { title: `Spotify – Web Player: Music for everyone`, host: 'open.spotify.com', path: '/' },
        { title: `${r.pick(ALBUMS)} - Album by ${a} | Spotify`, host: 'open.spotify.com', path: `/album/${r.alnum(22)}` },
        { title: `${mw(r)} - Spotify`, host: 'open.spotify.com', path: '/collection/tracks' },
        { title: `${a} • ${t}`, host: 'open.spotify.com', path: '/' },
      ])), categoryId: MU };
    }],
  ]),
  native('apple-music', MU, 30, ['Music', 'iTunes.exe', 'iTunes', 'AppleMusic.exe'], (r) => r.pick(['Music', 'iTunes', 'Apple Music', sa(r, (a, t) => `${t} — ${a}`)])),
  web('youtube-music', MU, 30, (r) => {
    const [a, t] = song(r);
    return { title: r.pick([`${t} - ${a} - YouTube Music`, 'YouTube Music', `${r.pick(PLAYLISTS)} - YouTube Music`]), host: 'music.youtube.com', path: `/watch?v=${r.alnum(11)}` };
  }),
  web('soundcloud', MU, 22, (r) => {
    const [a, t] = song(r);
    return { title: r.pick([`Stream ${a} music | Listen to songs, albums, playlists for free on SoundCloud`, `${t} by ${a} | Listen online for free on SoundCloud`]), host: 'soundcloud.com', path: `/${slug(a)}/${slug(t)}` };
  }),
  web('deezer', MU, 16, (r) => ({ title: sa(r, (a, t) => `${t} - ${a} - Deezer`), host: 'www.deezer.com', path: '/en/track/' })),
  native('tidal', MU, 10, ['TIDAL.exe', 'TIDAL'], (r) => r.pick(['TIDAL', sa(r, (a, t) => `${t} - ${a}`), `${mw(r)} - TIDAL`])),
  web('bandcamp', MU, 12, (r) => ({ title: sa(r, (a) => `${r.pick(ALBUMS)} | ${a}`), host: `${r.pick(['tycho', 'nilsfrahm', 'khruangbin', 'someband'])}.bandcamp.com`, path: '/album/' })),
  web('pandora', MU, 8, (r) => ({ title: sa(r, (a, t) => `${t} - ${a} - Pandora`), host: 'www.pandora.com', path: '/station/' })),
  web('amazon-music', MU, 10, (r) => ({ title: r.pick(['Amazon Music', sa(r, (a, t) => `${t} by ${a} on Amazon Music`)]), host: 'music.amazon.com', path: '/albums/' })),
  native('foobar2000', MU, 12, ['foobar2000.exe', 'foobar2000'], (r) => sa(r, (a, t) => `${a} - ${t}  [foobar2000]`)),
  native('winamp', MU, 6, ['winamp.exe', 'Winamp'], (r) => sa(r, (a, t) => `${r.int(1, 99)}. ${a} - ${t} - Winamp`)),
  native('aimp', MU, 6, ['AIMP.exe', 'AIMP'], (r) => sa(r, (a, t) => `${a} - ${t}`)),
  web('apple-music-web', MU, 8, (r) => ({ title: sa(r, (a, t) => r.pick([`${t} – Song by ${a} – Apple Music`, `${r.pick(ALBUMS)} – Album by ${a} – Apple Music`])), host: 'music.apple.com', path: '/us/album/' })),
  native('vox', MU, 5, ['VOX'], (r) => sa(r, (a, t) => `${a} — ${t}`)),
  native('strawberry', MU, 5, ['strawberry', 'Strawberry Music Player'], (r) => sa(r, (a, t) => `${t} - ${a} - Strawberry Music Player`)),
  native('musicbee', MU, 8, ['MusicBee.exe', 'MusicBee'], (r) => sa(r, (a, t) => `${a} - ${t} - MusicBee`)),
  web('lastfm', MU, 8, (r) => ({ title: sa(r, (a, t) => `${a} music, videos, stats, and photos | Last.fm`), host: 'www.last.fm', path: '/music/' })),
  web('tunein', MU, 6, (r) => ({ title: `${r.pick(['BBC Radio 1', 'Radio Paradise', 'KEXP 90.3', 'SWR3'])} | TuneIn`, host: 'tunein.com', path: '/radio/' })),
  web('radio-garden', MU, 5, () => ({ title: 'Radio Garden', host: 'radio.garden', path: '/listen/' })),
  native('qobuz', MU, 5, ['Qobuz.exe', 'Qobuz'], (r) => r.pick(['Qobuz', sa(r, (a, t) => `${t} - ${a} - Qobuz`)])),
  native('rhythmbox', MU, 6, ['rhythmbox', 'Rhythmbox'], (r) => sa(r, (a, t) => `${t} by ${a}`)),
  native('audacious', MU, 5, ['audacious', 'Audacious'], (r) => sa(r, (a, t) => `${a} - ${t} - Audacious`)),
  web('yandex-music', MU, 5, (r) => ({ title: sa(r, (a, t) => `${t} — ${a}. Слушать онлайн на Яндекс Музыке`), host: 'music.yandex.ru', path: '/album/' })),
  native('netease-music', MU, 5, ['cloudmusic.exe', '网易云音乐'], (r) => r.pick(['网易云音乐', sa(r, (a, t) => `${t} - ${a}`)])),
  web('genius', MU, 10, (r) => ({ title: sa(r, (a, t) => `${a} – ${t} Lyrics | Genius Lyrics`), host: 'genius.com', path: '/' })),
  native('cider', MU, 5, ['Cider.exe', 'Cider'], (r) => sa(r, (a, t) => `${t} - Cider`)),
  native('plexamp', MU, 4, ['Plexamp'], (r) => r.pick(['Plexamp', sa(r, (a, t) => `${a} – ${t}`)])),
];

/** A game executable: its own group (an unseen game is exactly the long tail). */
function game(name: string, apps: string[], titles: string[], count = 8): Source {
  return native(`game:${slug(name)}`, G, count, apps, (r) => r.pick(titles));
}

export const games: Source[] = [
  mixed('steam', 55, [
    [3, (r) => ({ app: r.pick(['steam.exe', 'Steam', 'steamwebhelper.exe']), title: r.pick(['Steam', 'Library', 'Store', 'Friends List', 'Steam - News', `${r.pick(GAMES)} - Steam`, 'Steam Big Picture Mode', 'Special Offers']), categoryId: G })],
    [2, (r) => {
      const g = r.pick(GAMES);
      return { ...visit(r, { title: `${g} on Steam`, host: 'store.steampowered.com', path: `/app/${r.int(10000, 2500000)}/${g.replace(/[^A-Za-z0-9]+/g, '_')}/` }), categoryId: G };
    }],
    [1, (r) => ({ ...visit(r, { title: `Steam Community :: ${r.pick(GAMES)}`, host: 'steamcommunity.com', path: '/app/' }), categoryId: G })],
  ]),
  game('ELDEN RING', ['eldenring.exe'], ['ELDEN RING™', 'ELDEN RING']),
  game('Cyberpunk 2077', ['Cyberpunk2077.exe'], ['Cyberpunk 2077 (C) 2020 by CD Projekt RED']),
  game('Minecraft', ['javaw.exe', 'Minecraft.Windows.exe', 'Minecraft'], ['Minecraft* 1.20.4 - Singleplayer', 'Minecraft 1.21 - Multiplayer (3rd-party Server)', 'Minecraft Launcher', 'Minecraft'], 14),
  game('League of Legends', ['League of Legends.exe', 'LeagueClientUx.exe'], ['League of Legends (TM) Client', 'League of Legends'], 12),
  game('Counter-Strike 2', ['cs2.exe'], ['Counter-Strike 2']),
  game('Dota 2', ['dota2.exe'], ['Dota 2']),
  game('Fortnite', ['FortniteClient-Win64-Shipping.exe'], ['Fortnite  ', 'Fortnite']),
  game('Rocket League', ['RocketLeague.exe'], ['Rocket League (64-bit, DX11, Cooked)']),
  game('GTA V', ['GTA5.exe', 'PlayGTAV.exe'], ['Grand Theft Auto V']),
  game('Hades II', ['Hades2.exe'], ['Hades II']),
  game('Stardew Valley', ['Stardew Valley.exe', 'StardewValley.exe'], ['Stardew Valley']),
  game('Factorio', ['factorio.exe', 'factorio'], ['Factorio 1.1.104', 'Factorio: Space Age']),
  game("Baldur's Gate 3", ['bg3.exe', 'bg3_dx11.exe'], ["Baldur's Gate 3 (1920x1080) - (Vulkan) - (6 + 6 WT)", "Baldur's Gate 3"]),
  game('VALORANT', ['VALORANT-Win64-Shipping.exe'], ['VALORANT  ']),
  game('Roblox', ['RobloxPlayerBeta.exe', 'Roblox'], ['Roblox'], 10),
  game('Overwatch 2', ['Overwatch.exe'], ['Overwatch']),
  game('World of Warcraft', ['Wow.exe', 'World of Warcraft'], ['World of Warcraft']),
  game('Diablo IV', ['Diablo IV.exe'], ['Diablo IV']),
  game('Hearthstone', ['Hearthstone.exe', 'Hearthstone'], ['Hearthstone']),
  game('PUBG', ['TslGame.exe'], ['PUBG: BATTLEGROUNDS ']),
  game('Apex Legends', ['r5apex.exe', 'r5apex_dx12.exe'], ['Apex Legends']),
  game('Terraria', ['Terraria.exe'], ['Terraria: Shut Up and Dig Gaiden!', 'Terraria: Also Try Minecraft!', 'Terraria: Dig Peon, Dig!']),
  game('Hollow Knight', ['hollow_knight.exe'], ['Hollow Knight']),
  game('Celeste', ['Celeste.exe'], ['Celeste']),
  game('Among Us', ['Among Us.exe'], ['Among Us']),
  game('The Sims 4', ['TS4_x64.exe', 'The Sims 4'], ['The Sims 4']),
  game('The Witcher 3', ['witcher3.exe'], ['The Witcher 3', 'The Witcher 3: Wild Hunt']),
  game('Palworld', ['Palworld-Win64-Shipping.exe'], ['Pal  ']),
  game('Helldivers 2', ['helldivers2.exe'], ['HELLDIVERS™ 2']),
  game('Destiny 2', ['destiny2.exe'], ['Destiny 2']),
  game('EA FC 24', ['FC24.exe'], ['EA SPORTS FC™ 24']),
  game('Red Dead Redemption 2', ['RDR2.exe'], ['Red Dead Redemption 2']),
  game('Starfield', ['Starfield.exe'], ['Starfield']),
  game('Cities Skylines II', ['Cities2.exe'], ['Cities: Skylines II']),
  game('Civilization VI', ['CivilizationVI.exe', 'CivilizationVI_DX12.exe'], ["Sid Meier's Civilization VI (DX12)", "Sid Meier's Civilization VI"]),
  game('Europa Universalis IV', ['eu4.exe'], ['Europa Universalis IV']),
  game('Hearts of Iron IV', ['hoi4.exe'], ['Hearts of Iron IV']),
  game('Genshin Impact', ['GenshinImpact.exe', 'YuanShen.exe'], ['Genshin Impact', '原神']),
  game('osu!', ['osu!.exe'], ['osu!', 'osu!  - Camellia - Exit This Earth’s Atomosphere [Extra]']),
  game('Balatro', ['Balatro.exe'], ['Balatro']),
  game('Lethal Company', ['Lethal Company.exe'], ['Lethal Company']),
  game('Valheim', ['valheim.exe'], ['Valheim']),
  game('RimWorld', ['RimWorldWin64.exe'], ['RimWorld by Ludeon Studios']),
  game('Slay the Spire', ['SlayTheSpire.exe', 'javaw.exe'], ['Modded Slay the Spire', 'Slay the Spire']),
  game('Vampire Survivors', ['VampireSurvivors.exe'], ['Vampire Survivors']),
  game('Path of Exile', ['PathOfExile_x64Steam.exe', 'PathOfExile.exe'], ['Path of Exile']),
  game('Monster Hunter World', ['MonsterHunterWorld.exe'], ['MONSTER HUNTER: WORLD(421810)']),
  game('Satisfactory', ['FactoryGameSteam-Win64-Shipping.exe'], ['Satisfactory  ']),
  game('Deep Rock Galactic', ['FSD-Win64-Shipping.exe'], ['Deep Rock Galactic  ']),
  game('Sekiro', ['sekiro.exe'], ['Sekiro™: Shadows Die Twice']),
  game('Dolphin', ['Dolphin.exe', 'Dolphin'], ['Dolphin 5.0-21088 | JIT64 DC | Direct3D 11 | HLE | The Legend of Zelda: Twilight Princess', 'Dolphin 2409 | Super Mario Sunshine (GMSE01)']),
  game('RetroArch', ['retroarch.exe', 'RetroArch'], ['RetroArch Snes9x 1.62.3 || FPS: 60.0', 'RetroArch']),
  game('Ryujinx', ['Ryujinx.exe', 'Ryujinx'], ['Ryujinx 1.1.1217 - The Legend of Zelda: Tears of the Kingdom v1.2.1 (0100F2C0115B6000) (64-bit)']),
  game('PCSX2', ['pcsx2-qt.exe'], ['PCSX2 v1.7 - Shadow of the Colossus']),
  native('epic-games', G, 16, ['EpicGamesLauncher.exe', 'Epic Games Launcher'], (r) => r.pick(['Epic Games Launcher', 'Library - Epic Games Launcher'])),
  native('battlenet', G, 10, ['Battle.net.exe', 'Battle.net'], () => 'Battle.net'),
  native('gog-galaxy', G, 8, ['GalaxyClient.exe', 'GOG GALAXY'], () => 'GOG GALAXY'),
  native('ea-app', G, 6, ['EADesktop.exe', 'EA'], () => 'EA'),
  native('ubisoft-connect', G, 6, ['upc.exe', 'Ubisoft Connect'], () => 'Ubisoft Connect'),
  native('xbox-app', G, 10, ['XboxPcApp.exe', 'Xbox'], (r) => r.pick(['Xbox', `${r.pick(GAMES)} | Xbox`])),
  native('riot-client', G, 8, ['RiotClientUx.exe', 'Riot Client'], () => 'Riot Client'),
  native('itch', G, 5, ['itch.exe', 'itch'], () => 'itch'),
  native('playnite', G, 5, ['Playnite.DesktopApp.exe', 'Playnite'], () => 'Playnite'),
  native('prism-launcher', G, 5, ['prismlauncher.exe', 'Prism Launcher'], () => 'Prism Launcher 8.0'),
  native('heroic', G, 5, ['Heroic', 'heroic.exe'], () => 'Heroic Games Launcher'),
  web('chess-com', G, 22, (r) => ({ title: r.pick(['Play Chess Online Against the Computer - Chess.com', 'Live Chess - Chess.com', `Chess: ${r.pick(['Hikaru', 'MagnusCarlsen', 'user123'])} vs ${r.pick(['chessbrah', 'Anna_Cramling', 'guest'])} - Chess.com`, 'Puzzles - Chess.com']), host: 'www.chess.com', path: r.pick(['/play/computer', '/game/live/', '/puzzles']) })),
  web('lichess', G, 14, (r) => ({ title: r.pick([`Play ${r.pick(['DrNykterstein', 'penguingm1', 'Anonymous'])} • lichess.org`, 'lichess.org • Free Online Chess', 'Puzzles • lichess.org']), host: 'lichess.org', path: `/${r.alnum(8)}` })),
  web('poki', G, 12, (r) => ({ title: `${r.pick(['Subway Surfers', 'Moto X3M', 'Temple Run 2', 'Stickman Hook'])} 🕹️ Play on Poki`, host: 'poki.com', path: '/en/g/subway-surfers' })),
  web('crazygames', G, 12, (r) => ({ title: `${r.pick(['Krunker', 'Bloxd.io', 'Smash Karts', 'Shell Shockers'])} 🕹️ Play on CrazyGames`, host: 'www.crazygames.com', path: '/game/krunker-io' })),
  web('nyt-games', G, 14, (r) => ({ title: r.pick(['Wordle — The New York Times', 'Connections — The New York Times', 'The Mini Crossword — The New York Times', 'Spelling Bee — The New York Times']), host: 'www.nytimes.com', path: '/games/wordle/index.html' })),
  web('geoguessr', G, 8, () => ({ title: 'GeoGuessr - Let\'s explore the world!', host: 'www.geoguessr.com', path: '/game/' })),
  web('io-games', G, 8, (r) => ({ title: r.pick(['agar.io', 'slither.io', 'diep.io', 'skribbl.io - Free Multiplayer Drawing & Guessing Game']), host: r.pick(['agar.io', 'slither.io', 'diep.io', 'skribbl.io']), path: '/' })),
  web('epic-store', G, 8, (r) => ({ title: `${r.pick(GAMES)} | Download and Buy Today - Epic Games Store`, host: 'store.epicgames.com', path: '/en-US/p/' })),
  web('nexusmods', G, 10, (r) => ({ title: `${r.pick(['SkyUI', 'Unofficial Patch', 'Better Graphics', 'Cheat Engine Table'])} at ${r.pick(['Skyrim Special Edition', 'Cyberpunk 2077', 'Stardew Valley', "Baldur's Gate 3"])} Nexus - Mods and Community`, host: 'www.nexusmods.com', path: '/skyrimspecialedition/mods/' })),
  web('game-wikis', G, 14, (r) => ({ title: r.pick([`${r.pick(['Moonveil', 'Malenia', 'Rivers of Blood', 'Margit'])} | Elden Ring Wiki`, `${r.pick(['Creeper', 'Redstone', 'Enchanting'])} – Minecraft Wiki`, `${r.pick(['Shane', 'Ancient Fruit', 'Community Center'])} - Stardew Valley Wiki`, `${r.pick(['Astarion', 'Act 2', 'Karlach'])} | Baldur's Gate 3 Wiki`]), host: r.pick(['eldenring.wiki.fextralife.com', 'minecraft.wiki', 'stardewvalleywiki.com', 'bg3.wiki']), path: '/' })),
  web('itch-io', G, 8, (r) => ({ title: `${r.pick(['Cozy Grove Jam entry', 'Tiny Dungeon', 'Celeste Classic'])} by ${r.pick(['indiedev', 'lexaloffle', 'mossmouth'])}`, host: `${r.pick(['indiedev', 'lexaloffle', 'mossmouth'])}.itch.io`, path: '/game' })),
  web('cloud-gaming', G, 8, (r) => ({ title: r.pick(['GeForce NOW', 'Xbox Cloud Gaming (Beta) on Xbox.com', `${r.pick(GAMES)} | Xbox Cloud Gaming`]), host: r.pick(['play.geforcenow.com', 'www.xbox.com']), path: '/play' })),
];

export const social: Source[] = [
  web('x-twitter', S, 60, (r) => ({
    title: r.pick([`${unread(r)}Home / X`, `${person(r)} (@${handle(r)}) / X`, `${person(r)} on X: "${post(r)}" / X`, 'Notifications / X', 'Log in to X / X', `(${r.int(1, 20)}) Explore / X`, `${person(r)} (@${handle(r)}) / Twitter`, 'Home / Twitter']),
    host: r.pick(['x.com', 'twitter.com']),
    path: r.pick(['/home', `/${handle(r)}`, `/${handle(r)}/status/${r.digits(19)}`]),
  })),
  web('facebook', S, 45, (r) => ({ title: r.pick([`${unread(r)}Facebook`, `${person(r)} | Facebook`, `${r.pick(['Dog Lovers Berlin', 'Vintage Cars', 'Class of 2010', 'Neighbourhood Watch'])} | Facebook`, 'Watch | Facebook', 'Facebook – log in or sign up', `${post(r)} | Facebook`, `${sp(r)} | Facebook`]), host: r.pick(['www.facebook.com', 'facebook.com', 'm.facebook.com']), path: r.pick(['/', '/groups/', `/${slug(person(r))}`]) })),
  web('instagram', S, 40, (r) => ({ title: r.pick(['Instagram', `${person(r)} (@${handle(r)}) • Instagram photos and videos`, 'Instagram • Reels', 'Login • Instagram', `${unread(r)}Instagram`, `Instagram post by ${person(r)}`, `${person(r)} on Instagram: "${post(r)}"`, `${sp(r)} • Instagram`]), host: 'www.instagram.com', path: r.pick(['/', '/reels/', `/${handle(r)}/`, `/p/${r.alnum(11)}/`]) })),
  web('reddit', S, 55, (r) => {
    const s = sub(r);
    return { title: r.pick([`${post(r)} : r/${s}`, `r/${s}`, `${post(r)} - r/${s}`, 'Reddit - Dive into anything', 'Log In | Reddit', `${unread(r)}reddit: the front page of the internet`, `r/${s} on Reddit: ${post(r)}`]), host: r.pick(['www.reddit.com', 'old.reddit.com']), path: `/r/${s}/comments/${r.alnum(6)}/` };
  }),
  web('tiktok', S, 30, (r) => ({ title: r.pick(['TikTok - Make Your Day', 'Log in | TikTok', `${post(r)} | TikTok`, 'For You | TikTok', `${person(r)} (@${handle(r)}) | TikTok`, `${sp(r)} | TikTok`]), host: 'www.tiktok.com', path: r.pick(['/foryou', `/@${handle(r)}/video/${r.digits(19)}`]) })),
  web('linkedin', S, 35, (r) => ({ title: r.pick([`${unread(r)}Feed | LinkedIn`, `${person(r)} | LinkedIn`, 'Notifications | LinkedIn', 'LinkedIn Login, Sign in | LinkedIn', `${unread(r)}Messaging | LinkedIn`, `${post(r)} | ${person(r)} | LinkedIn`]), host: 'www.linkedin.com', path: r.pick(['/feed/', `/in/${slug(person(r))}/`, '/notifications/']) })),
  web('pinterest', S, 20, (r) => ({ title: r.pick(['Pinterest', `${r.pick(['Living room ideas', 'Easy dinner recipes', 'Wedding hairstyles', 'Tattoo ideas'])} | Pinterest`]), host: r.pick(['www.pinterest.com', 'de.pinterest.com']), path: '/pin/' })),
  web('tumblr', S, 12, (r) => ({ title: r.pick(['Tumblr', `${r.pick(['aesthetic-moodboards', 'art-blog', 'fandom-trash'])} on Tumblr`, 'Dashboard | Tumblr', `${post(r)} | Tumblr`]), host: 'www.tumblr.com', path: '/dashboard' })),
  web('mastodon', S, 25, (r) => {
    const inst = r.pick(['mastodon.social', 'fosstodon.org', 'hachyderm.io', 'mstdn.jp', 'chaos.social', 'mas.to', 'infosec.exchange']);
    return { title: r.pick(['Home - Mastodon', `${person(r)} (@${handle(r)}@${inst}) - ${inst}`, `Notifications - ${inst}`, `${inst} - Mastodon`, `${person(r)}: "${post(r)}" - ${inst}`, `${sp(r)} - Mastodon`]), host: inst, path: r.pick(['/home', `/@${handle(r)}`]) };
  }),
  web('bluesky', S, 20, (r) => ({ title: r.pick(['Bluesky', `@${handle(r)}.bsky.social on Bluesky`, `${person(r)} (@${handle(r)}.bsky.social) — Bluesky`, 'Home — Bluesky', `${person(r)}: "${post(r)}" — Bluesky`, `${sp(r)} — Bluesky`]), host: 'bsky.app', path: r.pick(['/', `/profile/${handle(r)}.bsky.social`]) })),
  web('threads', S, 12, (r) => ({ title: r.pick([`${person(r)} (@${handle(r)}) on Threads`, 'Threads', `${post(r)} | Threads`]), host: 'www.threads.net', path: `/@${handle(r)}` })),
  web('vk', S, 8, (r) => ({ title: r.pick(['Новости', 'VK', `${person(r)} | VK`, `${post(r)} | VK`]), host: 'vk.com', path: '/feed' })),
  web('weibo', S, 8, () => ({ title: '微博-随时随地发现新鲜事', host: 'weibo.com', path: '/' })),
  web('9gag', S, 8, () => ({ title: '9GAG - Best Funny Memes and Breaking News', host: '9gag.com', path: '/' })),
  web('imgur', S, 8, (r) => ({ title: r.pick(['Imgur: The magic of the Internet', `${post(r)} - Imgur`, `${post(r)} - Album on Imgur`]), host: 'imgur.com', path: '/gallery/' })),
  web('lemmy', S, 8, (r) => ({ title: `${post(r)} - ${r.pick(['Lemmy.World', 'lemmy.ml', 'programming.dev'])}`, host: r.pick(['lemmy.world', 'lemmy.ml', 'programming.dev']), path: '/post/' })),
  web('quora', S, 10, (r) => ({ title: r.pick([`${r.pick(['What is the best way to learn a new language?', 'Why do cats purr?', 'Is it worth moving to Berlin?', 'What is something you wish you had known earlier?', 'Is it just me or is rent insane right now?'])} - Quora`, `${sp(r)} - Quora`]), host: 'www.quora.com', path: '/' })),
  web('xiaohongshu', S, 6, () => ({ title: '小红书 - 你的生活指南', host: 'www.xiaohongshu.com', path: '/explore' })),
  web('douyin', S, 6, () => ({ title: '抖音-记录美好生活', host: 'www.douyin.com', path: '/' })),
  web('snapchat', S, 5, () => ({ title: 'Snapchat', host: 'web.snapchat.com', path: '/' })),
  web('nextdoor', S, 5, () => ({ title: 'Nextdoor', host: 'nextdoor.com', path: '/news_feed/' })),
  native('ivory', S, 6, ['Ivory'], (r) => r.pick(['Ivory', `${sp(r)} — Ivory`, `@${handle(r)} — Ivory`])),
  native('tweetdeck', S, 6, ['TweetDeck', 'XPro'], (r) => r.pick(['X Pro', `${sp(r)} / X Pro`])),
  native('instagram-app', S, 5, ['Instagram', 'Instagram.exe'], () => 'Instagram'),
  native('tiktok-app', S, 5, ['TikTok', 'TikTok.exe'], (r) => r.pick(['TikTok', `${sp(r)} | TikTok`])),
  web('pixelfed', S, 5, (r) => ({ title: r.pick([`${person(r)} (@${handle(r)}) | Pixelfed`, `${sp(r)} | Pixelfed`]), host: 'pixelfed.social', path: `/${handle(r)}` })),
  web('hive-social', S, 4, (r) => ({ title: `${post(r)} | Hive Social`, host: 'hivesocial.app', path: '/' })),
];

const headline = (r: Rng) => englishHeadline(r);
function news(group: string, count: number, hosts: string[], fmt: (r: Rng) => string): Source {
  return web(group, N, count, (r) => ({ title: fmt(r), host: r.pick(hosts), path: `/${r.pick(['news', 'world', 'politics', 'business', '2024/03/12', 'article', 'story'])}/${slug(headline(r)).slice(0, 50)}` }));
}
export const newsSources: Source[] = [
  news('bbc', 30, ['www.bbc.com', 'www.bbc.co.uk'], (r) => r.pick([`${headline(r)} - BBC News`, 'BBC News - Home', `${headline(r)} - BBC Sport`])),
  news('cnn', 25, ['edition.cnn.com', 'www.cnn.com'], (r) => r.pick([`${headline(r)} | CNN`, `${headline(r)} | CNN Politics`, `${headline(r)} | CNN Business`, 'CNN International - Breaking News, US News, World News and Video'])),
  news('nytimes', 25, ['www.nytimes.com'], (r) => r.pick([`${headline(r)} - The New York Times`, 'The New York Times - Breaking News, US News, World News and Videos'])),
  news('guardian', 25, ['www.theguardian.com'], (r) => `${headline(r)} | ${r.pick(['World news', 'Politics', 'Business', 'Technology', 'Environment', 'Football'])} | The Guardian`),
  news('reuters', 18, ['www.reuters.com'], (r) => `${headline(r)} | Reuters`),
  news('apnews', 14, ['apnews.com'], (r) => `${headline(r)} | AP News`),
  news('washingtonpost', 14, ['www.washingtonpost.com'], (r) => `${headline(r)} - The Washington Post`),
  news('bloomberg', 12, ['www.bloomberg.com'], (r) => `${headline(r)} - Bloomberg`),
  news('ft', 10, ['www.ft.com'], (r) => `${headline(r)}`),
  news('wsj', 10, ['www.wsj.com'], (r) => `${headline(r)} - WSJ`),
  news('spiegel', 16, ['www.spiegel.de'], (r) => `${r.pick(DE_HEADLINES)} - DER SPIEGEL`),
  news('zeit', 10, ['www.zeit.de'], (r) => `${r.pick(DE_HEADLINES)} | ZEIT ONLINE`),
  news('tagesschau', 14, ['www.tagesschau.de'], (r) => `${r.pick(DE_HEADLINES)} | tagesschau.de`),
  news('faz', 8, ['www.faz.net'], (r) => `${r.pick(DE_HEADLINES)} | FAZ`),
  news('sueddeutsche', 8, ['www.sueddeutsche.de'], (r) => `${r.pick(DE_HEADLINES)} - Politik - SZ.de`),
  news('lemonde', 14, ['www.lemonde.fr'], (r) => r.pick([`${r.pick(FR_HEADLINES)}`, `${r.pick(FR_HEADLINES)} - Le Monde`])),
  news('lefigaro', 8, ['www.lefigaro.fr'], (r) => `${r.pick(FR_HEADLINES)} - Le Figaro`),
  news('francetvinfo', 6, ['www.francetvinfo.fr'], (r) => `${r.pick(FR_HEADLINES)} | franceinfo`),
  news('elpais', 12, ['elpais.com'], (r) => `${r.pick(ES_HEADLINES)} | EL PAÍS`),
  news('elmundo', 6, ['www.elmundo.es'], (r) => `${r.pick(ES_HEADLINES)} | El Mundo`),
  news('corriere', 8, ['www.corriere.it'], (r) => `${r.pick(IT_HEADLINES)} - Corriere.it`),
  news('repubblica', 6, ['www.repubblica.it'], (r) => `${r.pick(IT_HEADLINES)} - la Repubblica`),
  news('nos', 8, ['nos.nl'], (r) => `${r.pick(NL_HEADLINES)} | NOS`),
  news('nhk', 8, ['www3.nhk.or.jp'], (r) => `${r.pick(JA_HEADLINES)} | NHK`),
  news('asahi', 5, ['www.asahi.com'], (r) => `${r.pick(JA_HEADLINES)}：朝日新聞デジタル`),
  news('aljazeera', 12, ['www.aljazeera.com'], (r) => `${headline(r)} | ${r.pick(['News', 'Politics', 'Economy'])} | Al Jazeera`),
  web('google-news', N, 16, (r) => ({ title: r.pick(['Google News', 'Top stories - Google News', `${r.pick(['World', 'Business', 'Technology'])} - Latest - Google News`]), host: 'news.google.com', path: '/home' })),
  native('apple-news', N, 10, ['News'], (r) => r.pick(['News', 'Today', headline(r)])),
  news('yahoo-news', 10, ['news.yahoo.com'], (r) => `${headline(r)} - Yahoo News`),
  web('hacker-news', N, 22, (r) => ({ title: r.pick(['Hacker News', `${r.pick(TECH_HEADLINES)} | Hacker News`, 'New Links | Hacker News', 'Ask HN: What are you working on?']), host: 'news.ycombinator.com', path: r.pick(['/', '/item?id=' + r.digits(8), '/newest']) })),
  news('techcrunch', 10, ['techcrunch.com'], (r) => `${r.pick(TECH_HEADLINES)} | TechCrunch`),
  news('theverge', 12, ['www.theverge.com'], (r) => `${r.pick(TECH_HEADLINES)} - The Verge`),
  news('arstechnica', 10, ['arstechnica.com'], (r) => `${r.pick(TECH_HEADLINES)} - Ars Technica`),
  news('wired', 8, ['www.wired.com'], (r) => `${r.pick(TECH_HEADLINES)} | WIRED`),
  news('engadget', 6, ['www.engadget.com'], (r) => `${r.pick(TECH_HEADLINES)} - Engadget`),
  news('heise', 10, ['www.heise.de'], (r) => `${r.pick(['Linux 6.9 erschienen', 'Apple stellt M4 vor', 'Datenleck bei Telekom-Kunden', 'Neue Sicherheitslücke in Chrome'])} | heise online`),
  news('npr', 8, ['www.npr.org'], (r) => `${headline(r)} : NPR`),
  news('politico', 8, ['www.politico.com', 'www.politico.eu'], (r) => `${headline(r)} - POLITICO`),
  news('foxnews', 8, ['www.foxnews.com'], (r) => `${headline(r)} | Fox News`),
  news('skynews', 6, ['news.sky.com'], (r) => `${headline(r)} | World News | Sky News`),
  news('independent', 6, ['www.independent.co.uk'], (r) => `${headline(r)} | The Independent`),
  news('cbc', 6, ['www.cbc.ca'], (r) => `${headline(r)} | CBC News`),
  news('abc-au', 6, ['www.abc.net.au'], (r) => `${headline(r)} - ABC News`),
  news('times-of-india', 6, ['timesofindia.indiatimes.com'], (r) => `${headline(r)} - Times of India`),
  news('scmp', 5, ['www.scmp.com'], (r) => `${headline(r)} | South China Morning Post`),
  news('espn', 10, ['www.espn.com'], (r) => `${r.pick(['Lakers beat Celtics in overtime thriller', 'Transfer rumors: latest news', 'NFL draft 2024: grades for every pick'])} - ESPN`),
  news('axios', 6, ['www.axios.com'], (r) => `${headline(r)}`),
  web('msn', N, 8, (r) => ({ title: r.pick(['MSN', `${headline(r)}`]), host: 'www.msn.com', path: '/en-us/news/' })),
  web('flipboard', N, 5, () => ({ title: 'Flipboard: Your Social Magazine', host: 'flipboard.com', path: '/' })),
  web('feedly', N, 8, (r) => ({ title: r.pick(['Feedly', `Today - Feedly`, `${r.pick(TECH_HEADLINES)} - Feedly`]), host: 'feedly.com', path: '/i/my' })),
  web('inoreader', N, 5, () => ({ title: 'Inoreader - All articles', host: 'www.inoreader.com', path: '/all_articles' })),
  native('netnewswire', N, 5, ['NetNewsWire'], (r) => r.pick(['NetNewsWire', headline(r)])),
  native('reeder', N, 5, ['Reeder'], () => 'Reeder'),
];

