import { Source, mixed, native, visit, web } from './kit';
import { Rng } from './rng';
import { CHANNELS, CHAT_WORDS, EMAIL_SUBJECTS, FIRST_NAMES, GROUP_CHATS, MEETING_NAMES, email, person } from './vocab';

const M = 'communication:meetings';
const C = 'communication:chat';
const E = 'communication:email';

const meeting = (r: Rng) => (r.chance(0.2) ? `Meeting with ${person(r)}` : r.pick(MEETING_NAMES));
const channel = (r: Rng) => r.pick(CHANNELS);
const ws = (r: Rng) => r.pick(['Acme', 'Acme Corp', 'Pied Piper', 'Rust Community', 'DevOps Berlin', 'Hooli Eng', 'Globex', 'Design Guild']);
const unread = (r: Rng) => (r.chance(0.35) ? `(${r.int(1, 48)}) ` : '');
const subject = (r: Rng) => r.pick(EMAIL_SUBJECTS);
const groupChat = (r: Rng) => r.pick(GROUP_CHATS);
const cw = (r: Rng) => r.pick(CHAT_WORDS);
/** A chat window title: a person or group, sometimes with a member count or unread marker. */
const chatTitle = (r: Rng) => r.pick([person(r), groupChat(r), `${groupChat(r)} (${r.int(3, 250)} members)`, `${unread(r)}${cw(r)}`, `${person(r)} – ${r.pick(['online', 'last seen recently', 'typing…'])}`]);
const server = (r: Rng) => r.pick(['Rust Programming', 'Midjourney', 'The Coding Den', 'Friends', 'Valorant Squad', 'Study Group', 'r/pcmasterrace', 'Lofi Girl', 'Indie Devs']);

// --- meetings ----------------------------------------------------------------------------------

export const meetings: Source[] = [
  native('zoom', M, 55, ['Zoom.exe', 'zoom.us', 'Zoom', 'zoom'], (r) =>
    r.pick(['Zoom Meeting', 'Zoom Workplace', 'Zoom Meeting 40-Minutes', `${r.pick(FIRST_NAMES)}'s Personal Meeting Room`, 'Zoom Webinar', `${meeting(r)} - Zoom`, 'Zoom', 'Meeting Chat', 'Zoom Cloud Meetings']),
  ),
  mixed('teams', 70, [
    [4, (r) => ({ app: r.pick(['ms-teams.exe', 'Teams.exe', 'Microsoft Teams', 'Microsoft Teams (work or school)']), title: `${meeting(r)} | Microsoft Teams`, categoryId: M })],
    [1, (r) => ({ app: r.pick(['ms-teams.exe', 'Microsoft Teams']), title: `Meeting compact view | ${meeting(r)} | Microsoft Teams`, categoryId: M })],
    [3, (r) => ({ app: r.pick(['ms-teams.exe', 'Teams.exe', 'Microsoft Teams']), title: `Chat | ${person(r)} | Microsoft Teams`, categoryId: C })],
    [2, (r) => ({ app: r.pick(['ms-teams.exe', 'Microsoft Teams']), title: `${channel(r)} (${ws(r)}) | ${ws(r)} | Microsoft Teams`, categoryId: C })],
    [1, (r) => ({ app: r.pick(['ms-teams.exe', 'Microsoft Teams']), title: `Activity | Microsoft Teams`, categoryId: C })],
    [1, (r) => ({ ...visit(r, { title: `${meeting(r)} | Microsoft Teams`, host: 'teams.microsoft.com', path: '/v2/' }), categoryId: M })],
  ]),
  web('google-meet', M, 45, (r) => {
    const code = `${r.lower(3)}-${r.lower(4)}-${r.lower(3)}`;
    return { title: r.pick([`Meet - ${code}`, `Meet – ${meeting(r)}`, 'Google Meet', `${meeting(r)} - Google Meet`]), host: 'meet.google.com', path: `/${code}` };
  }, 0.85),
  native('webex', M, 22, ['webex.exe', 'CiscoCollabHost.exe', 'Webex'], (r) => r.pick(['Webex', 'Cisco Webex Meetings', `${r.pick(FIRST_NAMES)}'s Personal Room`, `${meeting(r)} - Webex`])),
  native('goto', M, 10, ['g2mui.exe', 'GoTo Meeting', 'GoTo'], (r) => r.pick(['GoTo Meeting', `${meeting(r)} - GoTo Meeting`])),
  native('facetime', M, 10, ['FaceTime'], (r) => r.pick(['FaceTime', `FaceTime – ${person(r)}`])),
  mixed('skype', 20, [
    [1, (r) => ({ app: r.pick(['Skype.exe', 'Skype']), title: r.pick([`Call with ${person(r)}`, 'Skype Call', `${person(r)} | Call`]), categoryId: M })],
    [1, (r) => ({ app: r.pick(['Skype.exe', 'Skype']), title: r.pick([`Skype - ${person(r)}`, 'Skype', `${person(r)} | Skype`]), categoryId: C })],
  ]),
  mixed('slack', 70, [
    [4, (r) => ({ app: r.pick(['slack.exe', 'Slack', 'slack']), title: r.pick([`${channel(r)} (Channel) - ${ws(r)} - Slack`, `#${channel(r)} - ${ws(r)} - Slack`, `Slack | ${channel(r)} | ${ws(r)}`]), categoryId: C })],
    [2, (r) => ({ app: r.pick(['slack.exe', 'Slack']), title: `${person(r)} (DM) - ${ws(r)} - Slack`, categoryId: C })],
    [1, (r) => ({ app: r.pick(['slack.exe', 'Slack']), title: r.pick([`Threads - ${ws(r)} - Slack`, `Activity - ${ws(r)} - Slack`, `${unread(r)}Slack`]), categoryId: C })],
    [1.5, (r) => ({ app: r.pick(['slack.exe', 'Slack']), title: r.pick([`Huddle: #${channel(r)} - ${ws(r)} - Slack`, `Huddle with ${person(r)} - Slack`, `Slack - Huddle`]), categoryId: M })],
    [1.5, (r) => ({ ...visit(r, { title: `${channel(r)} (Channel) - ${ws(r)} - Slack`, host: 'app.slack.com', path: `/client/T${r.alnum(8)}/C${r.alnum(8)}` }), categoryId: C })],
  ]),
  web('whereby', M, 8, (r) => ({ title: `${r.pick(['team-standup', 'acme-design', 'office'])} | Whereby`, host: 'whereby.com', path: '/team-standup' })),
  web('jitsi', M, 10, (r) => ({ title: r.pick(['Jitsi Meet', `${r.pick(['WeeklySync', 'FamilyCall', 'ReadingGroup'])} | Jitsi Meet`]), host: r.pick(['meet.jit.si', 'jitsi.acme.io']), path: '/WeeklySync' })),
  web('bigbluebutton', M, 8, (r) => ({ title: `${r.pick(['Seminar Machine Learning', 'Sprechstunde', 'Tutorium Analysis'])} - BigBlueButton`, host: r.pick(['bbb.uni-heidelberg.de', 'bbb.tu-berlin.de']), path: '/html5client/join' })),
  native('around', M, 5, ['Around'], (r) => r.pick(['Around', `${meeting(r)} - Around`, 'Around - Call'])),
  web('teams-live', M, 5, (r) => ({ title: `${r.pick(['Live event', 'Town hall'])}: ${meeting(r)}`, host: 'teams.live.com', path: '/meet/' })),
  native('tuple', M, 4, ['Tuple'], (r) => r.pick(['Tuple', `Pairing with ${person(r)} - Tuple`])),
  native('pop', M, 3, ['Pop'], (r) => `Pop – call with ${person(r)}`),
  web('daily-co', M, 4, (r) => ({ title: `${r.pick(['Video call', 'Meeting room'])}: ${meeting(r)}`, host: 'acme.daily.co', path: '/standup' })),
  web('gather', M, 6, (r) => ({ title: `${r.pick(['Acme HQ', 'Remote Office'])} | Gather`, host: 'app.gather.town', path: '/app/' })),
  native('chime', M, 6, ['Amazon Chime', 'Chime.exe'], (r) => r.pick(['Amazon Chime', `Amazon Chime: ${meeting(r)}`])),
  native('bluejeans', M, 4, ['BlueJeans', 'BlueJeans.exe'], () => 'BlueJeans'),
  web('zoho-meeting', M, 4, (r) => ({ title: `${meeting(r)} - Zoho Meeting`, host: 'meeting.zoho.com', path: '/meeting/' })),
  web('livestorm', M, 4, (r) => ({ title: `${r.pick(['Product webinar', 'Q&A session'])} | Livestorm`, host: 'app.livestorm.co', path: '/' })),
];

// --- chat --------------------------------------------------------------------------------------

export const chat: Source[] = [
  mixed('discord', 50, [
    [3, (r) => ({ app: r.pick(['Discord.exe', 'Discord', 'discord']), title: r.pick([`#${channel(r)} | ${server(r)} - Discord`, `${unread(r)}Discord | #${channel(r)} | ${server(r)}`, `@${r.pick(FIRST_NAMES).toLowerCase()} - Discord`, 'Friends - Discord', 'Discord']), categoryId: C })],
    [1, (r) => ({ ...visit(r, { title: `#${channel(r)} | ${server(r)} - Discord`, host: 'discord.com', path: `/channels/${r.digits(18)}/${r.digits(18)}` }), categoryId: C })],
  ]),
  mixed('whatsapp', 40, [
    [2, (r) => ({ app: r.pick(['WhatsApp.exe', 'WhatsApp', 'WhatsApp.Root.exe']), title: r.pick(['WhatsApp', `${unread(r)}WhatsApp`, `WhatsApp - ${chatTitle(r)}`]), categoryId: C })],
    [2, (r) => ({ ...visit(r, { title: `${unread(r)}WhatsApp`, host: 'web.whatsapp.com', path: '/' }), categoryId: C })],
  ]),
  native('telegram', C, 30, ['Telegram.exe', 'Telegram', 'telegram-desktop'], (r) => r.pick(['Telegram', `Telegram (${r.int(1, 99)})`, chatTitle(r), `${chatTitle(r)} – Telegram`])),
  native('signal', C, 18, ['Signal.exe', 'Signal'], (r) => r.pick(['Signal', `Signal (${r.int(1, 20)})`, `Signal - ${chatTitle(r)}`])),
  mixed('messenger', 20, [
    [1, (r) => ({ app: r.pick(['Messenger.exe', 'Messenger']), title: r.pick(['Messenger', `${person(r)} | Messenger`]), categoryId: C })],
    [1, (r) => ({ ...visit(r, { title: `${unread(r)}Messenger`, host: 'www.messenger.com', path: '/t/' }), categoryId: C })],
  ]),
  native('imessage', C, 18, ['Messages'], (r) => r.pick(['Messages', chatTitle(r)])),
  native('wechat', C, 14, ['WeChat.exe', 'WeChat', '微信'], (r) => r.pick(['WeChat', '微信', chatTitle(r)])),
  native('line', C, 8, ['LINE.exe', 'LINE'], (r) => r.pick(['LINE', chatTitle(r)])),
  native('kakaotalk', C, 6, ['KakaoTalk.exe', 'KakaoTalk'], () => '카카오톡'),
  native('viber', C, 6, ['Viber.exe', 'Viber'], (r) => r.pick(['Viber', `Viber - ${chatTitle(r)}`])),
  web('element', C, 12, (r) => ({ title: r.pick([`Element | ${r.pick(['Rust', 'NixOS', 'Matrix HQ', 'Team'])}`, `Element [${r.int(1, 30)}] | ${chatTitle(r)}`, `Element | ${chatTitle(r)}`]), host: 'app.element.io', path: '/#/room/' })),
  native('mattermost', C, 12, ['Mattermost.exe', 'Mattermost'], (r) => `${channel(r)} - ${ws(r)} Mattermost`),
  web('rocketchat', C, 8, (r) => ({ title: `${channel(r)} - Rocket.Chat`, host: 'chat.acme.io', path: `/channel/${channel(r)}` })),
  web('zulip', C, 10, (r) => ({ title: `#${r.pick(['general', 'rust', 'lean4', 'design'])} > ${r.pick(['release planning', 'help', 'weekly sync notes'])} - ${ws(r)} - Zulip`, host: r.pick(['acme.zulipchat.com', 'chat.zulip.org']), path: '/#narrow/stream/' })),
  web('google-chat', C, 14, (r) => ({ title: r.pick([`Chat - ${person(r)}`, `${r.pick(['Team Berlin', 'Project Phoenix'])} - Google Chat`, 'Google Chat']), host: 'chat.google.com', path: '/u/0/app/chat/' })),
  native('threema', C, 4, ['Threema', 'Threema.exe'], (r) => r.pick(['Threema', `Threema – ${chatTitle(r)}`])),
  native('session', C, 4, ['Session', 'Session.exe'], (r) => r.pick(['Session', chatTitle(r)])),
  native('zalo', C, 4, ['Zalo', 'Zalo.exe'], (r) => r.pick(['Zalo', chatTitle(r)])),
  web('instagram-direct', C, 6, (r) => ({ title: `${unread(r)}${r.pick(['Inbox', 'Chats', person(r)])} • Direct`, host: 'www.instagram.com', path: '/direct/inbox/' })),
  native('beeper', C, 4, ['Beeper', 'Beeper.exe'], (r) => r.pick(['Beeper', `${person(r)} - Beeper`])),
  native('hexchat', C, 6, ['hexchat.exe', 'HexChat'], (r) => `HexChat: ${r.pick(FIRST_NAMES).toLowerCase()} @ Libera.Chat / #${r.pick(['rust', 'python', 'archlinux', 'debian'])}`),
  native('franz', C, 4, ['Franz', 'Ferdium', 'Ferdium.exe'], () => 'Ferdium'),
  native('keybase', C, 3, ['Keybase'], (r) => r.pick(['Keybase', `${chatTitle(r)} - Keybase`])),
  native('wire', C, 3, ['Wire', 'Wire.exe'], (r) => r.pick(['Wire', `Wire · ${chatTitle(r)}`])),
  native('chatwork', C, 4, ['Chatwork'], (r) => r.pick(['Chatwork', `${chatTitle(r)} - Chatwork`])),
];

// --- email -------------------------------------------------------------------------------------

export const emailSources: Source[] = [
  mixed('outlook', 80, [
    [4, (r) => ({ app: r.pick(['OUTLOOK.EXE', 'Microsoft Outlook', 'olk.exe', 'Outlook']), title: r.pick([`Inbox - ${email(r)} - Outlook`, `${subject(r)} - Message (HTML)`, `${subject(r)} - Message (Plain Text)`, `Sent Items - ${email(r)} - Outlook`, `Drafts - ${email(r)} - Outlook`, `Inbox - ${email(r)} - Microsoft Outlook`]), categoryId: E })],
    [2, (r) => ({ ...visit(r, { title: r.pick([`Mail - ${person(r)} - Outlook`, `${subject(r)} - ${person(r)} - Outlook`, 'Outlook']), host: r.pick(['outlook.office.com', 'outlook.live.com']), path: '/mail/inbox' }), categoryId: E })],
    [1, (r) => ({ app: r.pick(['OUTLOOK.EXE', 'Outlook', 'olk.exe']), title: r.pick([`Calendar - ${email(r)} - Outlook`, `${r.pick(MEETING_NAMES)} - Meeting`, 'Calendar - Outlook']), categoryId: 'work:office' })],
  ]),
  web('gmail', E, 65, (r) => ({ title: r.pick([`Inbox ${r.chance(0.6) ? `(${r.int(1, 999)}) ` : ''}- ${email(r)} - Gmail`, `${subject(r)} - ${email(r)} - Gmail`, `Sent Mail - ${email(r)} - Gmail`, `Gmail`, `Starred - ${email(r)} - Gmail`]), host: 'mail.google.com', path: `/mail/u/${r.int(0, 2)}/#inbox` })),
  native('thunderbird', E, 30, ['thunderbird.exe', 'Thunderbird', 'thunderbird'], (r) => r.pick(['Inbox - Mozilla Thunderbird', `${subject(r)} - Mozilla Thunderbird`, `Inbox - ${email(r)} - Mozilla Thunderbird`, `Write: ${subject(r)} - Thunderbird`])),
  native('apple-mail', E, 25, ['Mail'], (r) => r.pick([`Inbox – ${r.int(1, 2000)} messages`, `Inbox – ${email(r)}`, subject(r), `All Inboxes – ${r.int(3, 80)} unread`])),
  native('spark', E, 14, ['Spark', 'Spark Desktop', 'Spark.exe'], (r) => r.pick(['Spark', 'Inbox', `${subject(r)}`])),
  web('proton-mail', E, 16, (r) => ({ title: `${r.pick(['Inbox', 'Sent', 'Drafts'])} | ${email(r)} | Proton Mail`, host: 'mail.proton.me', path: '/u/0/inbox' })),
  web('fastmail', E, 8, (r) => ({ title: `${r.pick(['Inbox', subject(r)])} – Fastmail`, host: 'app.fastmail.com', path: '/mail/Inbox/' })),
  web('yahoo-mail', E, 14, (r) => ({ title: `(${r.int(1, 999)} unread) - ${email(r)} - Yahoo Mail`, host: 'mail.yahoo.com', path: '/d/folders/1' })),
  web('zoho-mail', E, 6, (r) => ({ title: `Inbox - ${email(r)} - Zoho Mail`, host: 'mail.zoho.com', path: '/zm/' })),
  web('gmx', E, 8, () => ({ title: 'GMX FreeMail - E-Mail made in Germany', host: 'www.gmx.net', path: '/mail/' })),
  web('webde', E, 8, () => ({ title: 'WEB.DE - E-Mail-Postfach', host: 'web.de', path: '/mail/' })),
  web('mailru', E, 5, () => ({ title: 'Входящие - Почта Mail.ru', host: 'e.mail.ru', path: '/inbox/' })),
  web('hey', E, 6, (r) => ({ title: r.pick(['Imbox - HEY', 'The Feed - HEY', 'Paper Trail - HEY']), host: 'app.hey.com', path: '/imbox' })),
  native('superhuman', E, 6, ['Superhuman', 'Superhuman.exe'], (r) => r.pick(['Superhuman', `${subject(r)} - Superhuman`])),
  native('mailspring', E, 6, ['Mailspring', 'mailspring.exe'], () => 'Mailspring'),
  native('em-client', E, 8, ['MailClient.exe', 'eM Client'], (r) => r.pick(['Inbox - eM Client', `${subject(r)} - eM Client`])),
  native('airmail', E, 4, ['Airmail 5', 'Airmail'], () => 'Airmail'),
  web('tuta', E, 5, () => ({ title: 'Tuta Mail', host: 'app.tuta.com', path: '/mail/' })),
  web('icloud-mail', E, 6, () => ({ title: 'iCloud Mail', host: 'www.icloud.com', path: '/mail/' })),
  native('windows-mail', E, 8, ['HxOutlook.exe', 'Mail'], (r) => r.pick([`Inbox - ${email(r)}`, 'Mail'])),
  native('postbox', E, 4, ['Postbox'], () => 'Inbox - Postbox'),
  web('front', E, 6, (r) => ({ title: `${r.pick(['Shared inbox', 'Support'])} - Front`, host: 'app.frontapp.com', path: '/inboxes/' })),
  web('roundcube', E, 6, (r) => ({ title: `${r.pick(['Roundcube Webmail :: Inbox', `Roundcube Webmail :: ${subject(r)}`])}`, host: r.pick(['webmail.uni-heidelberg.de', 'mail.example.org']), path: '/?_task=mail' })),
  web('outlook-owa-onprem', E, 5, (r) => ({ title: `${email(r)} - Outlook Web App`, host: 'owa.company.de', path: '/owa/' })),
];

