/* global window, document, fetch, sessionStorage, localStorage, navigator, WebSocket, setTimeout, clearTimeout, setInterval */
// The agent console: log in, watch the queue, take conversations, answer with quick replies, hand over,
// close, and keep notes on the customer. Everything a shopper wrote is put into the page as text
// (textContent), never as HTML: nothing here uses innerHTML.
(function () {
  'use strict';

  const TOKEN_KEY = 'kefu.agent.token';
  const LANGUAGE_KEY = 'kefu.agent.language';
  const LOCALES = { zh: 'zh-CN', en: 'en-US' };

  const TEXT = {
    zh: {
      title: 'kefu 客服工作台',
      'status.label': '状态',
      'status.online': '在线',
      'status.away': '离开',
      'status.offline': '离线',
      logout: '退出登录',
      'login.title': '客服登录',
      'login.username': '用户名',
      'login.password': '密码',
      'login.submit': '登录',
      'login.expired': '登录已过期，请重新登录。',
      'queue.title': '排队中',
      'queue.closed': '现在不在服务时间内，顾客会被引导留言。',
      'queue.empty': '暂无排队的顾客',
      'mine.title': '我的会话',
      'mine.empty': '还没有接入的会话',
      'conversation.none': '从左侧选择一个会话',
      'action.accept': '接入',
      'action.transfer': '转接',
      'action.transferTo': '转接给',
      'action.close': '结束会话',
      'close.resolution': '处理结果（必填）',
      'close.confirm': '确认结束并请顾客评分',
      'close.cancel': '取消',
      'reply.label': '回复',
      'reply.send': '发送',
      'reply.placeholder': '输入回复，Ctrl+Enter 发送',
      'context.summary': '摘要',
      'context.sentiment': '情绪走势',
      'context.order': '订单',
      'context.dialog': '办理进度',
      'context.entities': '识别到的信息',
      'context.customer': '顾客',
      'customer.tag': '标签',
      'customer.addTag': '添加标签',
      'customer.notes': '备注',
      'customer.note': '备注',
      'customer.addNote': '添加备注',
      'customer.tickets': '历史工单',
      'customer.none': '匿名顾客',
      'customer.removeTag': '删除标签',
      none: '无',
      priority: 'P{n}',
      'priority.title': '优先级 {n}（1 最高）',
      waiting: '已等待 {time}',
      waited: '等待了 {time}',
      position: '第 {n} 位',
      'state.queued': '排队中',
      'state.assigned': '接待中',
      'state.closed': '已结束',
      assignedTo: '接待：{name}',
      transferredFrom: '由 {name} 转来',
      'fact.reason': '转人工原因',
      'fact.priority': '优先级',
      'fact.language': '顾客语言',
      'fact.channel': '渠道',
      'fact.queuedAt': '排队时间',
      'language.zh': '中文',
      'language.en': '英文',
      'role.shopper': '顾客',
      'role.bot': '机器人',
      'role.agent': '客服',
      'role.system': '系统',
      'order.status': '状态',
      'order.total': '金额',
      'order.items': '商品',
      'order.shipment': '物流',
      'order.phone': '手机',
      'dialog.step': '当前步骤',
      'toast.newMessage': '新消息：{conversation}',
      'toast.assigned': '{conversation} 已转接给您',
      'toast.transferredAway': '会话已转给 {name}',
      'toast.queued': '有新顾客在排队',
      'toast.wentOffline': '您已处于离线状态（可能在其他窗口退出了登录）；切换为在线即可继续接入会话',
      'error.network': '网络连接失败，请重试。',
      'agents.none': '没有可转接的在线客服',
      'agent.option': '{name}（{status}，{chats}/{max}）',
      'sentiment.value': '第 {n} 句：{value}',
      'quick.label': '快捷语',
      'ticket.line': '{id} · {summary} · {status}',
      'stream.reconnecting': '实时连接已断开，正在重连…',
    },
    en: {
      title: 'kefu agent console',
      'status.label': 'Status',
      'status.online': 'Online',
      'status.away': 'Away',
      'status.offline': 'Offline',
      logout: 'Log out',
      'login.title': 'Agent login',
      'login.username': 'Username',
      'login.password': 'Password',
      'login.submit': 'Log in',
      'login.expired': 'Your session has expired; please log in again.',
      'queue.title': 'Waiting',
      'queue.closed': 'Outside service hours: shoppers are offered to leave a message.',
      'queue.empty': 'Nobody is waiting',
      'mine.title': 'My chats',
      'mine.empty': 'No chats accepted yet',
      'conversation.none': 'Choose a conversation on the left',
      'action.accept': 'Accept',
      'action.transfer': 'Transfer',
      'action.transferTo': 'Transfer to',
      'action.close': 'Close chat',
      'close.resolution': 'Resolution (required)',
      'close.confirm': 'Close and ask for a rating',
      'close.cancel': 'Cancel',
      'reply.label': 'Reply',
      'reply.send': 'Send',
      'reply.placeholder': 'Type a reply; Ctrl+Enter sends',
      'context.summary': 'Summary',
      'context.sentiment': 'Sentiment trend',
      'context.order': 'Order',
      'context.dialog': 'Request in progress',
      'context.entities': 'Recognised details',
      'context.customer': 'Customer',
      'customer.tag': 'Tag',
      'customer.addTag': 'Add tag',
      'customer.notes': 'Notes',
      'customer.note': 'Note',
      'customer.addNote': 'Add note',
      'customer.tickets': 'Earlier tickets',
      'customer.none': 'Anonymous shopper',
      'customer.removeTag': 'Remove tag',
      none: 'None',
      priority: 'P{n}',
      'priority.title': 'Priority {n} (1 is highest)',
      waiting: 'waiting {time}',
      waited: 'waited {time}',
      position: 'place {n}',
      'state.queued': 'Waiting',
      'state.assigned': 'In progress',
      'state.closed': 'Closed',
      assignedTo: 'Agent: {name}',
      transferredFrom: 'transferred from {name}',
      'fact.reason': 'Reason',
      'fact.priority': 'Priority',
      'fact.language': 'Language',
      'fact.channel': 'Channel',
      'fact.queuedAt': 'Queued at',
      'language.zh': 'Chinese',
      'language.en': 'English',
      'role.shopper': 'Shopper',
      'role.bot': 'Bot',
      'role.agent': 'Agent',
      'role.system': 'System',
      'order.status': 'Status',
      'order.total': 'Total',
      'order.items': 'Items',
      'order.shipment': 'Shipment',
      'order.phone': 'Phone',
      'dialog.step': 'Current step',
      'toast.newMessage': 'New message: {conversation}',
      'toast.assigned': '{conversation} was transferred to you',
      'toast.transferredAway': 'The chat was transferred to {name}',
      'toast.queued': 'A new shopper is waiting',
      'toast.wentOffline':
        'You are offline now (logged out in another window?); set yourself online to take chats',
      'error.network': 'The network failed; please try again.',
      'agents.none': 'Nobody online to transfer to',
      'agent.option': '{name} ({status}, {chats}/{max})',
      'sentiment.value': 'message {n}: {value}',
      'quick.label': 'Quick replies',
      'ticket.line': '{id} · {summary} · {status}',
      'stream.reconnecting': 'Live updates lost; reconnecting…',
    },
  };

  const REASONS = {
    explicit_request: { zh: '顾客要求转人工', en: 'Shopper asked for a person' },
    strong_negative: { zh: '顾客情绪激动', en: 'Shopper is very upset' },
    negative_trend: { zh: '顾客情绪持续变差', en: "Shopper's mood keeps getting worse" },
    low_confidence: { zh: '机器人多次没听懂', en: 'The bot did not understand' },
    complaint: { zh: '顾客投诉', en: 'Complaint' },
    repeated_intent: { zh: '同一问题反复询问', en: 'Same question again and again' },
    validation_failed: { zh: '办理中多次输入无效', en: 'Repeated invalid answers' },
    verification_failed: { zh: '订单身份验证失败', en: 'Order ownership check failed' },
    policy_refusal: { zh: '超出政策范围', en: 'Outside the policy' },
  };

  const ORDER_STATUSES = {
    unpaid: { zh: '待付款', en: 'Unpaid' },
    paid: { zh: '已付款待发货', en: 'Paid, not shipped' },
    shipped: { zh: '已发货', en: 'Shipped' },
    delivered: { zh: '已签收', en: 'Delivered' },
    cancelled: { zh: '已取消', en: 'Cancelled' },
  };

  const ENTITY_TYPES = {
    orderId: { zh: '订单号', en: 'Order' },
    trackingNumber: { zh: '运单号', en: 'Tracking no.' },
    phone: { zh: '手机', en: 'Phone' },
    email: { zh: '邮箱', en: 'E-mail' },
    taxId: { zh: '税号', en: 'Tax id' },
    amount: { zh: '金额', en: 'Amount' },
    date: { zh: '日期', en: 'Date' },
    size: { zh: '尺码', en: 'Size' },
    color: { zh: '颜色', en: 'Colour' },
  };

  const state = {
    token: sessionStorage.getItem(TOKEN_KEY),
    language: initialLanguage(),
    agent: undefined,
    status: 'online',
    view: { queue: [], mine: [], agents: [], serviceOpen: true },
    viewReceivedAt: Date.now(),
    currentId: undefined,
    current: undefined,
    unread: new Map(),
    quickReplies: [],
    socket: undefined,
    reconnectDelay: 1000,
    reconnectTimer: undefined,
    knownQueued: new Set(),
  };

  const $ = (id) => document.getElementById(id);

  function initialLanguage() {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
    return (navigator.language || '').toLowerCase().indexOf('zh') === 0 ? 'zh' : 'en';
  }

  function t(key, values) {
    const template = TEXT[state.language][key] || TEXT.en[key] || key;
    return template.replace(/\{(\w+)\}/g, (_match, name) =>
      values && values[name] !== undefined ? String(values[name]) : '',
    );
  }

  function pick(labels, key) {
    const entry = labels[key];
    return entry ? entry[state.language] : key;
  }

  /** An element with text only: shopper words go through here, so they can never become markup. */
  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
  }

  function duration(seconds) {
    const total = Math.max(0, Math.round(seconds));
    const minutes = Math.floor(total / 60);
    const rest = String(total % 60).padStart(2, '0');
    if (minutes < 60) return `${minutes}:${rest}`;
    return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}:${rest}`;
  }

  function clock(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? ''
      : date.toLocaleTimeString(LOCALES[state.language], { hour: '2-digit', minute: '2-digit' });
  }

  function maskPhone(phone) {
    const digits = String(phone).replace(/\D/g, '');
    return digits.length > 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
  }

  function shortId(conversationId) {
    return conversationId.length > 10 ? `${conversationId.slice(0, 10)}…` : conversationId;
  }

  // ---- language ----

  function applyLanguage() {
    document.documentElement.lang = LOCALES[state.language];
    document.querySelectorAll('[data-i18n]').forEach((element) => {
      element.textContent = t(element.getAttribute('data-i18n'));
    });
    document.querySelectorAll('[data-lang]').forEach((button) => {
      button.setAttribute('aria-pressed', String(button.getAttribute('data-lang') === state.language));
    });
    $('reply-text').placeholder = t('reply.placeholder');
    $('quick-replies').setAttribute('aria-label', t('quick.label'));
    updateTitle();
    renderLists();
    renderQuickReplies();
    if (state.current) renderConversation();
  }

  // ---- notifications: a badge in the title and a visual cue, never a sound ----

  function unreadTotal() {
    let total = 0;
    state.unread.forEach((count) => (total += count));
    return total;
  }

  function updateTitle() {
    const total = unreadTotal();
    document.title = total > 0 ? `(${total}) ${t('title')}` : t('title');
  }

  let toastTimer;
  function toast(text) {
    const box = $('toast');
    box.textContent = text;
    box.hidden = false;
    box.classList.remove('pulse');
    // Restart the animation for a second notice in a row.
    void box.offsetWidth;
    box.classList.add('pulse');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (box.hidden = true), 4000);
  }

  function markUnread(conversationId) {
    state.unread.set(conversationId, (state.unread.get(conversationId) || 0) + 1);
    updateTitle();
    renderLists();
  }

  function markRead(conversationId) {
    if (!state.unread.delete(conversationId)) return;
    updateTitle();
    renderLists();
  }

  // ---- HTTP ----

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(method, path, body) {
    const headers = {};
    if (state.token) headers.authorization = `Bearer ${state.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', t('error.network'));
    }
    if (response.status === 204) return undefined;
    const payload = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = payload && payload.error ? payload.error : {};
      if (response.status === 401 && path !== '/api/agent/login') {
        loggedOut(t('login.expired'));
      }
      throw new ApiError(response.status, error.code || 'error', error.message || response.statusText);
    }
    return payload;
  }

  function showError(id, error) {
    const box = $(id);
    box.textContent = error ? error.message : '';
    box.hidden = !error;
  }

  // ---- login ----

  async function login(event) {
    event.preventDefault();
    showError('login-error');
    try {
      const result = await api('POST', '/api/agent/login', {
        username: $('login-username').value.trim(),
        password: $('login-password').value,
      });
      $('login-password').value = '';
      state.token = result.token;
      sessionStorage.setItem(TOKEN_KEY, result.token);
      await enterConsole();
    } catch (error) {
      showError('login-error', error);
    }
  }

  function loggedOut(message) {
    state.token = undefined;
    state.agent = undefined;
    sessionStorage.removeItem(TOKEN_KEY);
    if (state.socket) state.socket.close();
    state.socket = undefined;
    clearTimeout(state.reconnectTimer);
    $('console-view').hidden = true;
    $('me').hidden = true;
    $('login-view').hidden = false;
    showError('login-error', message ? { message } : undefined);
  }

  async function logout() {
    try {
      await api('POST', '/api/agent/logout');
    } catch {
      // Logged out locally either way; the presence lapses by itself.
    }
    loggedOut();
  }

  async function enterConsole() {
    const me = await api('GET', '/api/agent/me');
    state.agent = me.agent;
    state.status = me.status === 'offline' ? 'online' : me.status;
    if (me.status === 'offline') await api('POST', '/api/agent/status', { status: 'online' });
    $('me-name').textContent = me.agent.displayName;
    $('status-select').value = state.status;
    $('login-view').hidden = true;
    $('console-view').hidden = false;
    $('me').hidden = false;
    const [view, replies] = await Promise.all([
      api('GET', '/api/agent/queue'),
      api('GET', '/api/agent/quick-replies'),
    ]);
    state.quickReplies = replies.quickReplies;
    receiveView(view);
    renderQuickReplies();
    connect();
  }

  // ---- live updates ----

  function connect() {
    if (!state.token) return;
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${window.location.host}/api/agent/stream?token=${encodeURIComponent(state.token)}`;
    const socket = new WebSocket(url);
    state.socket = socket;
    socket.onopen = () => {
      state.reconnectDelay = 1000;
      if (state.currentId) void openConversation(state.currentId, { quiet: true });
    };
    socket.onmessage = (message) => {
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      onFrame(frame);
    };
    socket.onclose = (event) => {
      if (state.socket !== socket) return;
      state.socket = undefined;
      if (event.code === 4001) {
        loggedOut(t('login.expired'));
        return;
      }
      if (!state.token) return;
      toast(t('stream.reconnecting'));
      state.reconnectTimer = setTimeout(connect, state.reconnectDelay);
      state.reconnectDelay = Math.min(state.reconnectDelay * 2, 30000);
    };
  }

  function onFrame(frame) {
    if (frame.type === 'hello') {
      if (frame.status !== 'offline') {
        state.status = frame.status;
        $('status-select').value = frame.status;
      } else {
        // The presence lapsed while the connection was down (a restart, a sleeping laptop): claim it again.
        void api('POST', '/api/agent/status', { status: state.status }).catch(() => undefined);
      }
    } else if (frame.type === 'queue') {
      receiveView(frame);
    } else if (frame.type === 'message') {
      onMessage(frame.conversationId, frame.record);
    } else if (frame.type === 'session') {
      onSessionEvent(frame.event);
    }
  }

  function onMessage(conversationId, record) {
    const viewing = conversationId === state.currentId && state.current;
    if (viewing) {
      state.current.transcript.push(record);
      appendTranscriptLine(record);
      if (typeof record.sentiment === 'number') renderSentiment(state.current.transcript);
    }
    if (record.role !== 'shopper') return;
    if (!viewing || document.hidden) {
      markUnread(conversationId);
      toast(t('toast.newMessage', { conversation: shortId(conversationId) }));
    }
  }

  function onSessionEvent(event) {
    const me = state.agent && state.agent.username;
    if (event.type === 'session.transferred' && event.to === me) {
      markUnread(event.conversationId);
      toast(t('toast.assigned', { conversation: shortId(event.conversationId) }));
    }
    if (
      event.type === 'session.transferred' &&
      event.from === me &&
      event.conversationId === state.currentId
    ) {
      toast(t('toast.transferredAway', { name: agentName(event.to) }));
    }
    if (event.conversationId === state.currentId) void openConversation(state.currentId, { quiet: true });
  }

  function receiveView(view) {
    const fresh = view.queue.filter((entry) => !state.knownQueued.has(entry.conversationId));
    if (state.knownQueued.size > 0 && fresh.length > 0) toast(t('toast.queued'));
    state.knownQueued = new Set(view.queue.map((entry) => entry.conversationId));
    state.view = view;
    state.viewReceivedAt = Date.now();
    followOwnStatus(view);
    renderLists();
    renderTransferOptions();
  }

  /**
   * The hub's list of agents tells this console when the agent's status changed elsewhere — another tab set
   * it, or logged out — so the status menu does not go on saying "online" while the hub refuses chats.
   */
  function followOwnStatus(view) {
    const me = state.agent && view.agents.find((agent) => agent.username === state.agent.username);
    if (!me || me.status === state.status) return;
    state.status = me.status;
    $('status-select').value = me.status;
    if (me.status === 'offline') toast(t('toast.wentOffline'));
  }

  function agentName(username) {
    const agent = state.view.agents.find((candidate) => candidate.username === username);
    return agent ? agent.displayName : username;
  }

  // ---- lists ----

  function listItem(entry, kind) {
    const item = el('li', 'conv-item');
    item.dataset.conversationId = entry.conversationId;
    if (entry.conversationId === state.currentId) item.classList.add('selected');
    const unread = state.unread.get(entry.conversationId) || 0;
    if (unread > 0) item.classList.add('unread');

    const button = el('button', 'conv-open');
    button.type = 'button';
    const top = el('span', 'conv-top');
    const badge = el('span', `priority p${entry.priority}`, t('priority', { n: entry.priority }));
    badge.title = t('priority.title', { n: entry.priority });
    top.appendChild(badge);
    top.appendChild(el('span', 'reason', pick(REASONS, entry.reason)));
    top.appendChild(el('span', 'lang', entry.language === 'zh' ? '中' : 'EN'));
    if (unread > 0) top.appendChild(el('span', 'unread-count', unread));
    button.appendChild(top);
    button.appendChild(el('span', 'conv-summary', entry.summary));
    const bottom = el('span', 'conv-bottom');
    if (kind === 'queue') {
      bottom.appendChild(el('span', 'position', t('position', { n: entry.position })));
      const waiting = el('span', 'waiting');
      waiting.dataset.waitingSeconds = String(entry.waitingSeconds);
      waiting.textContent = t('waiting', { time: duration(entry.waitingSeconds) });
      bottom.appendChild(waiting);
    } else {
      bottom.appendChild(el('span', 'conv-id', shortId(entry.conversationId)));
      if (entry.transferredFrom) {
        bottom.appendChild(
          el('span', 'transferred', t('transferredFrom', { name: agentName(entry.transferredFrom) })),
        );
      }
    }
    button.appendChild(bottom);
    button.addEventListener('click', () => void openConversation(entry.conversationId));
    item.appendChild(button);
    return item;
  }

  function renderLists() {
    const { queue, mine, serviceOpen } = state.view;
    const queueList = $('queue-list');
    const mineList = $('mine-list');
    clear(queueList);
    clear(mineList);
    queue.forEach((entry) => queueList.appendChild(listItem(entry, 'queue')));
    mine.forEach((entry) => mineList.appendChild(listItem(entry, 'mine')));
    $('queue-count').textContent = String(queue.length);
    const max = state.agent ? state.agent.maxConcurrentChats : 0;
    $('mine-count').textContent = `${mine.length}/${max}`;
    $('queue-empty').hidden = queue.length > 0;
    $('mine-empty').hidden = mine.length > 0;
    $('service-closed').hidden = serviceOpen !== false;
  }

  /** Waiting times tick in the page; the server's figure is the start, so browser clocks do not matter. */
  function tick() {
    const elapsed = (Date.now() - state.viewReceivedAt) / 1000;
    document.querySelectorAll('[data-waiting-seconds]').forEach((element) => {
      const seconds = Number(element.dataset.waitingSeconds) + elapsed;
      element.textContent = t('waiting', { time: duration(seconds) });
    });
  }

  function renderTransferOptions() {
    const select = $('transfer-to');
    const previous = select.value;
    clear(select);
    const me = state.agent && state.agent.username;
    const candidates = state.view.agents.filter(
      (agent) => agent.username !== me && agent.status === 'online',
    );
    candidates.forEach((agent) => {
      const option = el(
        'option',
        '',
        t('agent.option', {
          name: agent.displayName,
          status: t(`status.${agent.status}`),
          chats: agent.chats,
          max: agent.maxConcurrentChats,
        }),
      );
      option.value = agent.username;
      select.appendChild(option);
    });
    if (candidates.length === 0) {
      const option = el('option', '', t('agents.none'));
      option.value = '';
      select.appendChild(option);
    }
    if (candidates.some((agent) => agent.username === previous)) select.value = previous;
    $('transfer').disabled = candidates.length === 0;
  }

  // ---- the conversation ----

  async function openConversation(conversationId, options) {
    const quiet = options && options.quiet;
    try {
      const view = await api('GET', `/api/agent/conversations/${encodeURIComponent(conversationId)}`);
      state.currentId = conversationId;
      state.current = view;
      if (!quiet) {
        $('close-form').hidden = true;
        showError('action-error');
      }
      markRead(conversationId);
      renderConversation();
      renderLists();
    } catch (error) {
      if (!quiet) showError('action-error', error);
      if (error.status === 404 && state.currentId === conversationId) {
        state.currentId = undefined;
        state.current = undefined;
        $('conversation-body').hidden = true;
        $('context-panel').hidden = true;
        $('no-conversation').hidden = false;
      }
    }
  }

  function renderConversation() {
    const view = state.current;
    if (!view) return;
    const { session } = view;
    $('no-conversation').hidden = true;
    $('conversation-body').hidden = false;
    $('context-panel').hidden = false;
    $('conv-title').textContent = `${t(`state.${session.state}`)} · ${shortId(session.conversationId)}`;
    const meta = [pick(REASONS, session.reason), t(`language.${session.language}`)];
    if (session.state === 'queued' && view.position) meta.push(t('position', { n: view.position }));
    if (session.assignedTo) meta.push(t('assignedTo', { name: agentName(session.assignedTo) }));
    meta.push(
      t(session.state === 'queued' ? 'waiting' : 'waited', { time: duration(session.waitingSeconds) }),
    );
    $('conv-meta').textContent = meta.join(' · ');

    $('accept').hidden = session.state !== 'queued';
    $('transfer-box').hidden = !view.yours;
    $('close-open').hidden = !view.yours;
    if (!view.yours) $('close-form').hidden = true;
    $('reply-area').hidden = !view.yours;

    const list = $('transcript');
    clear(list);
    view.transcript.forEach((record) => list.appendChild(transcriptLine(record)));
    list.scrollTop = list.scrollHeight;
    renderQuickReplies(); // this conversation's suggested replies first
    renderContext();
  }

  function transcriptLine(record) {
    const item = el('li', `line ${record.role}`);
    const head = el('div', 'line-head');
    head.appendChild(
      el('span', 'who', record.role === 'agent' && record.name ? record.name : t(`role.${record.role}`)),
    );
    head.appendChild(el('time', 'at', clock(record.at)));
    if (record.intent) {
      const confidence =
        typeof record.confidence === 'number' ? ` ${Math.round(record.confidence * 100)}%` : '';
      head.appendChild(el('span', 'intent', `${record.intent}${confidence}`));
    }
    if (typeof record.sentiment === 'number' && record.role === 'shopper') {
      const mood = el(
        'span',
        `mood ${record.sentiment < -0.2 ? 'bad' : record.sentiment > 0.2 ? 'good' : ''}`,
      );
      mood.textContent = record.sentiment.toFixed(2);
      head.appendChild(mood);
    }
    item.appendChild(head);
    // The shopper's words, exactly as typed: text, never markup.
    item.appendChild(el('p', 'text', record.text));
    return item;
  }

  function appendTranscriptLine(record) {
    const list = $('transcript');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const line = transcriptLine(record);
    if (record.role === 'shopper') line.classList.add('fresh');
    list.appendChild(line);
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function fact(list, label, value) {
    list.appendChild(el('dt', '', label));
    list.appendChild(el('dd', '', value));
  }

  function renderContext() {
    const { context, session, customer } = state.current;
    $('ctx-summary').textContent = context.summary;
    const facts = $('ctx-facts');
    clear(facts);
    fact(facts, t('fact.reason'), pick(REASONS, context.reason));
    fact(facts, t('fact.priority'), t('priority', { n: context.priority }));
    fact(facts, t('fact.language'), t(`language.${context.language}`));
    if (session.channelId) fact(facts, t('fact.channel'), session.channelId);
    fact(facts, t('fact.queuedAt'), clock(session.queuedAt));

    renderSentiment(state.current.transcript);
    renderOrder(context.order);
    renderDialog(context.dialog);

    const entities = $('ctx-entities');
    clear(entities);
    (context.entities || []).forEach((entity) => {
      entities.appendChild(el('li', '', `${pick(ENTITY_TYPES, entity.type)}: ${entity.value}`));
    });
    if (!context.entities || context.entities.length === 0)
      entities.appendChild(el('li', 'empty', t('none')));

    renderCustomer(customer, context.customer);
  }

  /** The shopper's mood message by message: the bot's turns before the handoff, then the live ones. */
  function renderSentiment(transcript) {
    const box = $('ctx-sentiment');
    clear(box);
    const values = transcript
      .filter((record) => record.role === 'shopper' && typeof record.sentiment === 'number')
      .map((record) => record.sentiment);
    if (values.length === 0) {
      box.appendChild(el('p', 'empty', t('none')));
      return;
    }
    values.slice(-12).forEach((value, index) => {
      const slot = el('span', 'slot');
      const bar = el('span', `bar ${value < 0 ? 'negative' : 'positive'}`);
      // A bar from the middle line, up for positive and down for negative; its length is the strength.
      bar.style.height = `${Math.max(4, Math.round(Math.abs(value) * 50))}%`;
      slot.title = t('sentiment.value', { n: index + 1, value: value.toFixed(2) });
      slot.appendChild(bar);
      box.appendChild(slot);
    });
    box.setAttribute('aria-label', values.map((value) => value.toFixed(2)).join(', '));
  }

  function renderOrder(order) {
    const box = $('ctx-order');
    clear(box);
    if (!order) {
      box.appendChild(el('p', 'empty', t('none')));
      return;
    }
    const list = el('dl', 'facts');
    fact(list, '#', order.id);
    fact(list, t('order.status'), pick(ORDER_STATUSES, order.status));
    fact(list, t('order.total'), `¥${Number(order.total).toFixed(2)}`);
    fact(
      list,
      t('order.items'),
      order.items
        .map((item) => {
          const variant = [item.size, item.color].filter(Boolean).join('/');
          return `${item.name[state.language] || item.name.zh}${variant ? ` (${variant})` : ''} ×${item.quantity}`;
        })
        .join('；'),
    );
    if (order.shipment)
      fact(list, t('order.shipment'), `${order.shipment.carrier} ${order.shipment.trackingNumber}`);
    if (order.phone) fact(list, t('order.phone'), maskPhone(order.phone));
    box.appendChild(list);
  }

  function renderDialog(dialog) {
    const box = $('ctx-dialog');
    clear(box);
    if (!dialog) {
      box.appendChild(el('p', 'empty', t('none')));
      return;
    }
    const list = el('dl', 'facts');
    fact(list, dialog.dialog, `${t('dialog.step')}: ${dialog.step}`);
    Object.keys(dialog.slots || {}).forEach((name) => {
      const value = dialog.slots[name];
      if (value !== undefined && value !== null) fact(list, name, value);
    });
    box.appendChild(list);
  }

  function renderCustomer(customer, atEscalation) {
    $('ctx-customer-id').textContent = customer ? customer.id : t('customer.none');
    $('tag-form').hidden = !customer;
    $('note-form').hidden = !customer;
    const tags = $('ctx-tags');
    clear(tags);
    ((customer && customer.tags) || []).forEach((tag) => {
      const item = el('li', 'tag', tag);
      const remove = el('button', 'remove-tag', '×');
      remove.type = 'button';
      remove.title = t('customer.removeTag');
      remove.setAttribute('aria-label', `${t('customer.removeTag')} ${tag}`);
      remove.addEventListener('click', () => void removeTag(tag));
      item.appendChild(remove);
      tags.appendChild(item);
    });
    const notes = $('ctx-notes');
    clear(notes);
    ((customer && customer.notes) || []).forEach((note) => {
      const item = el('li', 'note');
      item.appendChild(el('p', 'text', note.text));
      item.appendChild(
        el(
          'p',
          'meta',
          `${agentName(note.author)} · ${new Date(note.at).toLocaleString(LOCALES[state.language])}`,
        ),
      );
      notes.appendChild(item);
    });
    const tickets = $('ctx-tickets');
    clear(tickets);
    const earlier = (atEscalation && atEscalation.tickets) || [];
    earlier.forEach((ticket) => {
      const summary = ticket.summary ? ticket.summary[state.language] || ticket.summary.zh : ticket.kind;
      tickets.appendChild(el('li', '', t('ticket.line', { id: ticket.id, summary, status: ticket.status })));
    });
    if (earlier.length === 0) tickets.appendChild(el('li', 'empty', t('none')));
  }

  function renderQuickReplies() {
    const box = $('quick-replies');
    clear(box);
    // Replies the language model suggested for this conversation (when one is configured) come first.
    const context = state.current && state.current.context;
    const suggested = (context && context.suggestedReplies) || [];
    suggested.forEach((text) => {
      const button = el('button', 'quick suggested', text.length > 30 ? `${text.slice(0, 29)}…` : text);
      button.type = 'button';
      button.title = text;
      button.addEventListener('click', () => {
        const input = $('reply-text');
        input.value = text;
        input.focus();
      });
      box.appendChild(button);
    });
    state.quickReplies.forEach((reply) => {
      const button = el('button', 'quick', reply.label[state.language]);
      button.type = 'button';
      button.addEventListener('click', () => {
        // The shopper's language, whatever the console is set to.
        const language = state.current ? state.current.context.language : state.language;
        const input = $('reply-text');
        input.value = input.value ? `${input.value} ${reply.text[language]}` : reply.text[language];
        input.focus();
      });
      box.appendChild(button);
    });
  }

  // ---- actions ----

  function conversationPath(suffix) {
    return `/api/agent/conversations/${encodeURIComponent(state.currentId)}${suffix}`;
  }

  async function act(work) {
    showError('action-error');
    try {
      await work();
    } catch (error) {
      showError('action-error', error);
      if (state.currentId && error.status !== 0) void openConversation(state.currentId, { quiet: true });
    }
  }

  function accept() {
    return act(async () => {
      await api('POST', conversationPath('/accept'));
      await openConversation(state.currentId);
      $('reply-text').focus();
    });
  }

  function send(event) {
    event.preventDefault();
    const input = $('reply-text');
    const text = input.value.trim();
    if (!text) return undefined;
    return act(async () => {
      await api('POST', conversationPath('/messages'), { text });
      input.value = '';
      // Our own message comes back through the stream (to every tab of ours); without one, reload.
      if (!state.socket || state.socket.readyState !== WebSocket.OPEN)
        await openConversation(state.currentId);
    });
  }

  function transfer() {
    const to = $('transfer-to').value;
    if (!to) return undefined;
    return act(async () => {
      await api('POST', conversationPath('/transfer'), { to });
      await openConversation(state.currentId);
    });
  }

  function closeConversation(event) {
    event.preventDefault();
    const resolution = $('close-resolution').value.trim();
    if (!resolution) return undefined;
    return act(async () => {
      await api('POST', conversationPath('/close'), { resolution });
      $('close-resolution').value = '';
      $('close-form').hidden = true;
      await openConversation(state.currentId);
    });
  }

  function customerPath(suffix) {
    return `/api/agent/customers/${encodeURIComponent(state.current.customer.id)}${suffix}`;
  }

  function addTag(event) {
    event.preventDefault();
    const tag = $('tag-input').value.trim();
    if (!tag || !state.current || !state.current.customer) return undefined;
    return act(async () => {
      state.current.customer = await api('POST', customerPath('/tags'), { tag });
      $('tag-input').value = '';
      renderContext();
    });
  }

  function removeTag(tag) {
    if (!state.current || !state.current.customer) return undefined;
    return act(async () => {
      state.current.customer = await api('DELETE', customerPath(`/tags/${encodeURIComponent(tag)}`));
      renderContext();
    });
  }

  function addNote(event) {
    event.preventDefault();
    const text = $('note-input').value.trim();
    if (!text || !state.current || !state.current.customer) return undefined;
    return act(async () => {
      state.current.customer = await api('POST', customerPath('/notes'), { text });
      $('note-input').value = '';
      renderContext();
    });
  }

  async function changeStatus() {
    const status = $('status-select').value;
    try {
      await api('POST', '/api/agent/status', { status });
      state.status = status;
    } catch (error) {
      $('status-select').value = state.status;
      toast(error.message);
    }
  }

  // ---- start ----

  function bind() {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', () => void logout());
    $('status-select').addEventListener('change', () => void changeStatus());
    $('accept').addEventListener('click', () => void accept());
    $('transfer').addEventListener('click', () => void transfer());
    $('close-open').addEventListener('click', () => {
      $('close-form').hidden = false;
      $('close-resolution').focus();
    });
    $('close-cancel').addEventListener('click', () => ($('close-form').hidden = true));
    $('close-form').addEventListener('submit', closeConversation);
    $('reply-form').addEventListener('submit', send);
    $('reply-text').addEventListener('keydown', (event) => {
      // Ctrl/⌘+Enter sends; a plain Enter is a new line, and an IME's confirming Enter is left alone.
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        $('reply-form').requestSubmit();
      }
    });
    $('tag-form').addEventListener('submit', addTag);
    $('note-form').addEventListener('submit', addNote);
    document.querySelectorAll('[data-lang]').forEach((button) => {
      button.addEventListener('click', () => {
        state.language = button.getAttribute('data-lang');
        localStorage.setItem(LANGUAGE_KEY, state.language);
        applyLanguage();
      });
    });
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && state.currentId) markRead(state.currentId);
    });
    setInterval(tick, 1000);
  }

  bind();
  applyLanguage();
  if (state.token) {
    enterConsole().catch(() => loggedOut());
  }
})();
