<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AppController</name>
        <message>
            <source>Switchboard: proxy not started</source>
            <translation>Switchboard：代理未启动</translation>
        </message>
        <message>
            <source>{login}: {problem}. Choose Log in again in the tray menu.</source>
            <translation>{login}：{problem}。请在托盘菜单中选择“重新登录”。</translation>
        </message>
        <message>
            <source>Switchboard: log in again</source>
            <translation>Switchboard：需要重新登录</translation>
        </message>
        <message>
            <source>Switchboard: config not reloaded</source>
            <translation>Switchboard：配置未重新加载</translation>
        </message>
        <message>
            <source>Launch Claude Code</source>
            <translation>启动 Claude Code</translation>
        </message>
        <message>
            <source>Launch Claude Code in…</source>
            <translation>在此文件夹中启动 Claude Code…</translation>
        </message>
        <message>
            <source>Copy shell exports</source>
            <translation>复制 shell 环境变量</translation>
        </message>
        <message>
            <source>Paste them into a shell, then run claude there ({profile}).</source>
            <translation>粘贴到 shell 中，然后在那里运行 claude（{profile}）。</translation>
        </message>
        <message>
            <source>Shell exports copied</source>
            <translation>已复制 shell 环境变量</translation>
        </message>
        <message>
            <source>running</source>
            <translation>运行中</translation>
        </message>
        <message>
            <source>stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <source>not started</source>
            <translation>未能启动</translation>
        </message>
        <message>
            <source>&lt;b&gt;Switchboard {version}&lt;/b&gt;&lt;br&gt;Run Claude Code on any model provider.&lt;br&gt;&lt;br&gt;Proxy: {address} ({status})&lt;br&gt;Config file: {config}&lt;br&gt;Logs: {logs}</source>
            <translation>&lt;b&gt;Switchboard {version}&lt;/b&gt;&lt;br&gt;让 Claude Code 使用任意模型提供商。&lt;br&gt;&lt;br&gt;代理：{address}（{status}）&lt;br&gt;配置文件：{config}&lt;br&gt;日志：{logs}</translation>
        </message>
        <message>
            <source>About Switchboard</source>
            <translation>关于 Switchboard</translation>
        </message>
    </context>
    <context>
        <name>ChoiceEditor</name>
        <message>
            <source>(default)</source>
            <translation>（默认）</translation>
        </message>
    </context>
    <context>
        <name>ConnectionCheck</name>
        <message>
            <source>text</source>
            <translation>文本</translation>
        </message>
        <message>
            <source>stream</source>
            <translation>流式</translation>
        </message>
        <message>
            <source>tools</source>
            <translation>工具调用</translation>
        </message>
        <message>
            <source>image</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <source>Check the connection</source>
            <translation>检查连接</translation>
        </message>
        <message>
            <source>Uses the values above, including a key not saved yet.</source>
            <translation>使用上面填写的值，包括尚未保存的密钥。</translation>
        </message>
        <message>
            <source>The model the test talks to</source>
            <translation>测试时调用的模型</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>测试</translation>
        </message>
        <message>
            <source>Real requests through the proxy: text, streaming, a tool call, and images or thinking where the catalogue says the model supports them</source>
            <translation>通过代理发送真实请求：文本、流式、一次工具调用；预设表明模型支持时，还会测试图片和思考</translation>
        </message>
        <message>
            <source>Fetch models</source>
            <translation>获取模型</translation>
        </message>
        <message>
            <source>GET {base URL}/models with the key: fills the model pickers</source>
            <translation>用密钥读取“基础 URL/models”，结果填入模型选择列表</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>检查项</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>耗时</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Fix the fields marked above first.</source>
            <translation>请先修正上面标出的字段。</translation>
        </message>
        <message>
            <source>Type the name of a model to test.</source>
            <translation>请输入要测试的模型名称。</translation>
        </message>
        <message>
            <source>Testing {model}…</source>
            <translation>正在测试 {model}…</translation>
        </message>
        <message numerus="yes">
            <source>✗ %n check(s) failed: {checks}</source>
            <translation>
                <numerusform>✗ %n 项检查未通过：{checks}</numerusform>
            </translation>
        </message>
        <message>
            <source>✓ {model} works with Claude Code requests.</source>
            <translation>✓ {model} 可以处理 Claude Code 的请求。</translation>
        </message>
        <message>
            <source>Fetching the model list…</source>
            <translation>正在获取模型列表…</translation>
        </message>
        <message numerus="yes">
            <source>✓ %n model(s): the model pickers offer them now.</source>
            <translation>
                <numerusform>✓ 共 %n 个模型，已加入模型选择列表。</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DashboardWindow</name>
        <message>
            <source>Switchboard Dashboard</source>
            <translation>Switchboard 仪表盘</translation>
        </message>
        <message>
            <source>Requests per minute (last hour)</source>
            <translation>每分钟请求数（最近一小时）</translation>
        </message>
        <message>
            <source>Latency (recent requests)</source>
            <translation>延迟（最近的请求）</translation>
        </message>
        <message>
            <source>Time to first token (recent)</source>
            <translation>首 token 时间（最近）</translation>
        </message>
        <message>
            <source>Providers</source>
            <translation>提供商</translation>
        </message>
        <message>
            <source>Profiles</source>
            <translation>方案</translation>
        </message>
        <message>
            <source>Recent requests</source>
            <translation>最近请求</translation>
        </message>
        <message>
            <source>Log</source>
            <translation>日志</translation>
        </message>
    </context>
    <context>
        <name>Draft</name>
        <message>
            <source>required</source>
            <translation>必填</translation>
        </message>
        <message>
            <source>add at least one</source>
            <translation>至少添加一个</translation>
        </message>
    </context>
    <context>
        <name>FetchModels</name>
        <message>
            <source>the answer is not a model list</source>
            <translation>返回的内容不是模型列表</translation>
        </message>
        <message>
            <source>no answer from {url} within {seconds} s</source>
            <translation>{url} 在 {seconds} 秒内没有响应</translation>
        </message>
        <message>
            <source>cannot reach {url}: {error}</source>
            <translation>无法连接 {url}：{error}</translation>
        </message>
        <message>
            <source>{url} lists no models</source>
            <translation>{url} 没有列出任何模型</translation>
        </message>
        <message>
            <source>no Location given</source>
            <translation>未给出 Location</translation>
        </message>
        <message>
            <source>{url} redirects (HTTP {status}) to {location}; Switchboard does not follow redirects with the API key: set the base URL to the new address if you trust it</source>
            <translation>{url} 重定向（HTTP {status}）到 {location}；Switchboard 不会带着 API 密钥跟随重定向：如果你信任该地址，请把基础 URL 改成新地址</translation>
        </message>
        <message>
            <source>the provider refused the API key (HTTP {status}: {reason}); check the key</source>
            <translation>提供商拒绝了 API 密钥（HTTP {status}：{reason}），请检查密钥</translation>
        </message>
        <message>
            <source>{url} has no model list (HTTP 404): check the base URL, or type model names by hand</source>
            <translation>{url} 没有模型列表（HTTP 404）：请检查基础 URL，或手动输入模型名称</translation>
        </message>
        <message>
            <source>HTTP {status} from {url}: {reason}</source>
            <translation>{url} 返回 HTTP {status}：{reason}</translation>
        </message>
        <message>
            <source>{url} did not answer with JSON</source>
            <translation>{url} 返回的不是 JSON</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <source>Provider</source>
            <translation>提供商</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API 密钥</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>测试</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>Main model (required)</source>
            <translation>主模型（必填）</translation>
        </message>
        <message>
            <source>Fast model (haiku)</source>
            <translation>快速模型（haiku）</translation>
        </message>
        <message>
            <source>Sonnet tier</source>
            <translation>Sonnet 档</translation>
        </message>
        <message>
            <source>Opus tier</source>
            <translation>Opus 档</translation>
        </message>
        <message>
            <source>Welcome to Switchboard</source>
            <translation>欢迎使用 Switchboard</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>上一步</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>下一步</translation>
        </message>
        <message>
            <source>Where should Claude Code's requests go?</source>
            <translation>Claude Code 的请求要发往哪里？</translation>
        </message>
        <message>
            <source>Pick a provider. Switchboard runs a small proxy on this computer that lets Claude Code use it; you can add more providers and failover later in Settings.</source>
            <translation>选择一个提供商。Switchboard 会在本机运行一个小型代理，让 Claude Code 通过它使用该提供商；之后可以在设置中添加更多提供商和故障转移。</translation>
        </message>
        <message>
            <source>Coming from another tool? Bring its providers and routes along</source>
            <translation>从其他工具迁移过来？把它的提供商和路由一起导入</translation>
        </message>
        <message>
            <source>Import from {source}  ({path})</source>
            <translation>从 {source} 导入（{path}）</translation>
        </message>
        <message>
            <source>Provider name</source>
            <translation>提供商名称</translation>
        </message>
        <message>
            <source>Test the connection</source>
            <translation>测试连接</translation>
        </message>
        <message>
            <source>Test sends a few real requests (text, streaming, a tool call) with your key. Fetch models lists what your account offers and fills the choices on the next page. Both are optional.</source>
            <translation>“测试”会用你的密钥发送几个真实请求（文本、流式、工具调用）。“获取模型”会列出你的账户可用的模型，并填入下一页的选项。两者都是可选的。</translation>
        </message>
        <message>
            <source>Uses the key you just typed, or your login.</source>
            <translation>使用你刚输入的密钥或你的登录。</translation>
        </message>
        <message>
            <source>Choose a model for each Claude Code slot</source>
            <translation>为 Claude Code 的每个槽位选择模型</translation>
        </message>
        <message>
            <source>Claude Code asks for haiku, sonnet or opus; each slot gets a model of this provider. Leave a slot empty to use the main model.</source>
            <translation>Claude Code 会请求 haiku、sonnet 或 opus；每个槽位对应该提供商的一个模型。槽位留空则使用主模型。</translation>
        </message>
        <message>
            <source>Profile name</source>
            <translation>方案名称</translation>
        </message>
        <message>
            <source>Switchboard is ready</source>
            <translation>Switchboard 已就绪</translation>
        </message>
        <message>
            <source>Launch Claude Code now</source>
            <translation>立即启动 Claude Code</translation>
        </message>
        <message>
            <source>Open Settings</source>
            <translation>打开设置</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Finish</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>Something went wrong; see the log.</source>
            <translation>出错了，请查看日志。</translation>
        </message>
        <message>
            <source>Choose a provider first.</source>
            <translation>请先选择一个提供商。</translation>
        </message>
        <message>
            <source>Your {provider} API key</source>
            <translation>你的 {provider} API 密钥</translation>
        </message>
        <message>
            <source>It is stored in the system keyring, never in the config file. &lt;a href="{url}"&gt;Get a key&lt;/a&gt;.</source>
            <translation>密钥保存在系统钥匙串中，绝不会写入配置文件。&lt;a href="{url}"&gt;获取密钥&lt;/a&gt;。</translation>
        </message>
        <message>
            <source>It is stored in the system keyring, never in the config file.</source>
            <translation>密钥保存在系统钥匙串中，绝不会写入配置文件。</translation>
        </message>
        <message>
            <source>Log in to {provider}</source>
            <translation>登录 {provider}</translation>
        </message>
        <message>
            <source>Log in with your account; the tokens are kept in the system keyring.</source>
            <translation>使用你的账户登录；令牌保存在系统钥匙串中。</translation>
        </message>
        <message>
            <source>Your {name}</source>
            <translation>你的 {name}</translation>
        </message>
        <message>
            <source>Fill in your {name}.</source>
            <translation>请填写你的 {name}。</translation>
        </message>
        <message>
            <source>Log in first (or go Back and choose another provider).</source>
            <translation>请先登录（或返回上一步选择其他提供商）。</translation>
        </message>
        <message>
            <source>Paste your API key (or go Back and choose another provider).</source>
            <translation>请粘贴你的 API 密钥（或返回上一步选择其他提供商）。</translation>
        </message>
        <message>
            <source>Choose the main model.</source>
            <translation>请选择主模型。</translation>
        </message>
        <message>
            <source>Not saved: {error}</source>
            <translation>未保存：{error}</translation>
        </message>
        <message>
            <source>The API key could not be stored: {error}</source>
            <translation>无法保存 API 密钥：{error}</translation>
        </message>
        <message>
            <source>The profile &lt;b&gt;{profile}&lt;/b&gt; sends Claude Code's requests to &lt;b&gt;{provider}&lt;/b&gt;. Launch Claude Code from the tray menu (&lt;i&gt;Launch Claude with&lt;/i&gt;) or right here. Add more providers and failover routes in Settings.</source>
            <translation>方案 &lt;b&gt;{profile}&lt;/b&gt; 会把 Claude Code 的请求发往 &lt;b&gt;{provider}&lt;/b&gt;。可以从托盘菜单（&lt;i&gt;使用方案启动 Claude&lt;/i&gt;）或直接在这里启动 Claude Code。在设置中可以添加更多提供商和故障转移路由。</translation>
        </message>
        <message>
            <source>Imported from {source}: {providers} providers and {profiles} profiles are configured. Launch Claude Code with &lt;b&gt;{profile}&lt;/b&gt; from the tray menu (&lt;i&gt;Launch Claude with&lt;/i&gt;) or right here; check the routes in Settings.</source>
            <translation>已从 {source} 导入：配置了 {providers} 个提供商和 {profiles} 个方案。可以从托盘菜单（&lt;i&gt;使用方案启动 Claude&lt;/i&gt;）或直接在这里用 &lt;b&gt;{profile}&lt;/b&gt; 启动 Claude Code；请在设置中检查路由。</translation>
        </message>
        <message>
            <source>Claude Code settings.json (env block)</source>
            <translation>Claude Code settings.json（env 块）</translation>
        </message>
    </context>
    <context>
        <name>GeneralPage</name>
        <message>
            <source>(default: the first one installed)</source>
            <translation>（默认：第一个已安装的终端）</translation>
        </message>
        <message>
            <source>Proxy (saved in the config file)</source>
            <translation>代理（保存在配置文件中）</translation>
        </message>
        <message>
            <source>This computer (applies at once)</source>
            <translation>本机（立即生效）</translation>
        </message>
        <message>
            <source>Start Switchboard at login</source>
            <translation>登录系统时启动 Switchboard</translation>
        </message>
        <message>
            <source>Notify me when a request fails over or a provider is paused</source>
            <translation>请求发生故障转移或提供商被暂停时通知我</translation>
        </message>
        <message>
            <source>A terminal from the list, or a command of your own where {} is the launcher script: alone, it is one argument (alacritty -e {}); inside quotes with other text, it is quoted for a shell (tmux new-window 'exec {}')</source>
            <translation>从列表中选择终端，或填写自己的命令，其中 {} 代表启动脚本：单独出现时作为一个参数（alacritty -e {}）；与其他文字一起放在引号里时，会按命令行的规则加引号（tmux new-window 'exec {}'）</translation>
        </message>
        <message>
            <source>Terminal for Launch Claude</source>
            <translation>“启动 Claude”使用的终端</translation>
        </message>
        <message>
            <source>As the system</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <source>As the system ({language})</source>
            <translation>跟随系统（{language}）</translation>
        </message>
        <message>
            <source>Appearance</source>
            <translation>外观</translation>
        </message>
        <message>
            <source>Size of text and controls</source>
            <translation>文字和控件大小</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>(from the next start)</source>
            <translation>（下次启动时生效）</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Regenerate…</source>
            <translation>重新生成…</translation>
        </message>
        <message>
            <source>Local token</source>
            <translation>本地令牌</translation>
        </message>
        <message>
            <source>Open log folder</source>
            <translation>打开日志文件夹</translation>
        </message>
        <message>
            <source>Open config folder</source>
            <translation>打开配置文件夹</translation>
        </message>
        <message>
            <source>Claude Code shows this token to the proxy; Launch sets it.</source>
            <translation>Claude Code 用这个令牌访问代理；通过“启动”打开时会自动设置。</translation>
        </message>
        <message>
            <source>Config: {config}
Logs: {logs}</source>
            <translation>配置：{config}
日志：{logs}</translation>
        </message>
        <message>
            <source>Start at login</source>
            <translation>登录时启动</translation>
        </message>
        <message>
            <source>Could not change the login entry: {error}</source>
            <translation>无法修改开机启动项：{error}</translation>
        </message>
        <message>
            <source>Regenerate the local token</source>
            <translation>重新生成本地令牌</translation>
        </message>
        <message>
            <source>Claude Code sessions started before will be refused until you launch them again. Regenerate?</source>
            <translation>之前启动的 Claude Code 会话将被拒绝，需要重新启动。确定重新生成吗？</translation>
        </message>
        <message>
            <source>The token was not regenerated: {error}</source>
            <translation>令牌未能重新生成：{error}</translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import from {source}</source>
            <translation>从 {source} 导入</translation>
        </message>
        <message>
            <source>No usable keyring here: write the API keys into the config file (readable by you only). Unticked, the providers are imported without their keys.</source>
            <translation>本机没有可用的系统钥匙串：将 API 密钥写入配置文件（仅你本人可读）。不勾选则导入提供商时不带密钥。</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>导入</translation>
        </message>
        <message>
            <source>From &lt;b&gt;{path}&lt;/b&gt;:</source>
            <translation>来自 &lt;b&gt;{path}&lt;/b&gt;：</translation>
        </message>
        <message>
            <source>Claude Code settings.json (env block)</source>
            <translation>Claude Code settings.json（env 部分）</translation>
        </message>
        <message>
            <source>+ profile {name}:</source>
            <translation>+ 方案 {name}：</translation>
        </message>
        <message>
            <source>{rule} (over {tokens} tokens)</source>
            <translation>{rule}（超过 {tokens} token）</translation>
        </message>
        <message>
            <source>environment: {names}</source>
            <translation>环境变量：{names}</translation>
        </message>
        <message>
            <source>note: {note}</source>
            <translation>注意：{note}</translation>
        </message>
        <message>
            <source>key: left out</source>
            <translation>密钥：不导入</translation>
        </message>
        <message>
            <source>key: written into the config file</source>
            <translation>密钥：写入配置文件</translation>
        </message>
        <message>
            <source>key: to the OS keyring as keyring:{name}</source>
            <translation>密钥：存入系统钥匙串，名为 keyring:{name}</translation>
        </message>
        <message>
            <source>key: to the OS keyring as keyring:{name} (no usable keyring here!)</source>
            <translation>密钥：存入系统钥匙串，名为 keyring:{name}（本机没有可用的系统钥匙串！）</translation>
        </message>
        <message>
            <source>key: {reference}</source>
            <translation>密钥：{reference}</translation>
        </message>
        <message>
            <source>key: none</source>
            <translation>密钥：无</translation>
        </message>
        <message>
            <source>+ provider {name} (renamed from {old}: the name is taken): {kind} {url}; {key}</source>
            <translation>+ 提供商 {name}（由 {old} 改名：该名称已被占用）：{kind} {url}；{key}</translation>
        </message>
        <message>
            <source>+ provider {name}: {kind} {url}; {key}</source>
            <translation>+ 提供商 {name}：{kind} {url}；{key}</translation>
        </message>
        <message>
            <source>Not imported: {error}</source>
            <translation>未导入：{error}</translation>
        </message>
        <message>
            <source>The API keys could not be stored: {error}</source>
            <translation>无法保存 API 密钥：{error}</translation>
        </message>
    </context>
    <context>
        <name>KeyField</name>
        <message>
            <source>API key</source>
            <translation>API 密钥</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <source>Show the key (reads a stored key from the keyring)</source>
            <translation>显示密钥（会从系统钥匙串读取已保存的密钥）</translation>
        </message>
        <message>
            <source>Move to keyring</source>
            <translation>移到系统钥匙串</translation>
        </message>
        <message>
            <source>Take the key out of the config file; Save stores it in the keyring</source>
            <translation>把密钥从配置文件中移出；保存时存入系统钥匙串</translation>
        </message>
        <message>
            <source>This provider is called without a key (auth: none).</source>
            <translation>调用此提供商不需要密钥（认证方式：无）。</translation>
        </message>
        <message>
            <source>New key: stored in the keyring when you save.</source>
            <translation>新密钥：保存时存入系统钥匙串。</translation>
        </message>
        <message>
            <source>Stored in the system keyring. Type a new key to replace it.</source>
            <translation>已保存在系统钥匙串中。输入新密钥即可替换。</translation>
        </message>
        <message>
            <source>•••••••• (stored)</source>
            <translation>••••••••（已保存）</translation>
        </message>
        <message>
            <source>Read from the environment variable {variable}. Type a key to use the keyring.</source>
            <translation>从环境变量 {variable} 读取。输入密钥则改用系统钥匙串。</translation>
        </message>
        <message>
            <source>Written in the config file as plain text: move it to the keyring.</source>
            <translation>以明文写在配置文件中：请移到系统钥匙串。</translation>
        </message>
        <message>
            <source>•••••••• (in the file)</source>
            <translation>••••••••（在配置文件中）</translation>
        </message>
        <message>
            <source>Paste the provider's API key.</source>
            <translation>粘贴该提供商的 API 密钥。</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>隐藏</translation>
        </message>
        <message>
            <source>Reading the key from the system keyring…</source>
            <translation>正在从系统钥匙串读取密钥…</translation>
        </message>
        <message>
            <source>Cannot show the stored key: {error}</source>
            <translation>无法显示已保存的密钥：{error}</translation>
        </message>
    </context>
    <context>
        <name>LoginField</name>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Store in a file (this system has no keyring)</source>
            <translation>保存到文件（本机没有系统钥匙串）</translation>
        </message>
        <message>
            <source>Without an OS keyring the tokens can only be kept in a file in the config folder that only you can read. Nothing is stored there unless you tick this.</source>
            <translation>没有系统钥匙串时，令牌只能保存在配置文件夹中一个仅你本人可读的文件里。不勾选则不会保存任何内容。</translation>
        </message>
        <message>
            <source>Copy code</source>
            <translation>复制代码</translation>
        </message>
        <message>
            <source>Use it</source>
            <translation>使用</translation>
        </message>
        <message>
            <source>Browser on another machine? Paste the code or address</source>
            <translation>在另一台机器上用浏览器登录？请粘贴代码或地址</translation>
        </message>
        <message>
            <source>Reading the login…</source>
            <translation>正在读取登录信息…</translation>
        </message>
        <message>
            <source>Not logged in. Log in with your {name} account.</source>
            <translation>未登录。请用你的 {name} 账号登录。</translation>
        </message>
        <message>
            <source>Logged in as {account}</source>
            <translation>已登录：{account}</translation>
        </message>
        <message>
            <source>Logged in</source>
            <translation>已登录</translation>
        </message>
        <message>
            <source>plan: {plan}</source>
            <translation>套餐：{plan}</translation>
        </message>
        <message>
            <source>token valid until {time}</source>
            <translation>令牌有效期至 {time}</translation>
        </message>
        <message>
            <source>token expired (refreshed on next use)</source>
            <translation>令牌已过期（下次使用时自动刷新）</translation>
        </message>
        <message>
            <source>last refresh {time}</source>
            <translation>上次刷新 {time}</translation>
        </message>
        <message>
            <source>in the OS keyring</source>
            <translation>保存在系统钥匙串中</translation>
        </message>
        <message>
            <source>in a file</source>
            <translation>保存在文件中</translation>
        </message>
        <message>
            <source>Log in again</source>
            <translation>重新登录</translation>
        </message>
        <message>
            <source>Logging in to {name}…</source>
            <translation>正在登录 {name}…</translation>
        </message>
        <message>
            <source>Starting the login…</source>
            <translation>正在开始登录…</translation>
        </message>
        <message>
            <source>Paste a personal access token</source>
            <translation>粘贴个人访问令牌</translation>
        </message>
        <message>
            <source>Paste a token of your account (make one &lt;a href='{url}'&gt;here&lt;/a&gt;).</source>
            <translation>请粘贴你账号的令牌（可在&lt;a href='{url}'&gt;这里&lt;/a&gt;创建）。</translation>
        </message>
        <message>
            <source>Paste a token of your account.</source>
            <translation>请粘贴你账号的令牌。</translation>
        </message>
        <message>
            <source>Log in in your browser: &lt;a href='{url}'&gt;login page&lt;/a&gt;. Waiting…</source>
            <translation>请在浏览器中登录：&lt;a href='{url}'&gt;登录页面&lt;/a&gt;。等待中…</translation>
        </message>
        <message>
            <source>Open this page to log in: &lt;a href='{url}'&gt;login page&lt;/a&gt;. Waiting…</source>
            <translation>请打开此页面登录：&lt;a href='{url}'&gt;登录页面&lt;/a&gt;。等待中…</translation>
        </message>
        <message>
            <source>Login cancelled.</source>
            <translation>已取消登录。</translation>
        </message>
        <message>
            <source>✗ Login failed: {error}</source>
            <translation>✗ 登录失败：{error}</translation>
        </message>
        <message>
            <source>Enter this code at &lt;a href='{url}'&gt;{url}&lt;/a&gt; (the page is open in your browser). Waiting for you to approve…</source>
            <translation>请在 &lt;a href='{url}'&gt;{url}&lt;/a&gt; 输入此代码（页面已在浏览器中打开）。等待你确认授权…</translation>
        </message>
    </context>
    <context>
        <name>MiniWindow</name>
        <message>
            <source>Launch Claude</source>
            <translation>启动 Claude</translation>
        </message>
        <message>
            <source>In folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>仪表盘</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>菜单</translation>
        </message>
        <message>
            <source>{reason} This window stands in for the tray icon; closing it quits.</source>
            <translation>{reason}此窗口代替托盘图标；关闭它即退出 Switchboard。</translation>
        </message>
        <message>
            <source>Launch Claude Code with a profile:</source>
            <translation>选择方案启动 Claude Code：</translation>
        </message>
        <message>
            <source>Choose folder…</source>
            <translation>选择文件夹…</translation>
        </message>
    </context>
    <context>
        <name>NamedRoutesEditor</name>
        <message>
            <source>Route name</source>
            <translation>路由名称</translation>
        </message>
        <message>
            <source>Models (provider/model, …)</source>
            <translation>模型（提供商/模型, …）</translation>
        </message>
    </context>
    <context>
        <name>PairsEditor</name>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
    </context>
    <context>
        <name>PresetDialog</name>
        <message>
            <source>Add a provider from the catalogue</source>
            <translation>从预设添加提供商</translation>
        </message>
    </context>
    <context>
        <name>PresetPicker</name>
        <message>
            <source>Search providers and models (e.g. deepseek, glm, kimi)</source>
            <translation>搜索提供商和模型（如 DeepSeek、GLM、Kimi）</translation>
        </message>
        <message>
            <source>No preset matches. Close this and use &lt;b&gt;Add custom&lt;/b&gt;.</source>
            <translation>没有匹配的预设。请关闭此窗口，使用&lt;b&gt;自定义添加&lt;/b&gt;。</translation>
        </message>
        <message>
            <source>Models: {models}</source>
            <translation>模型：{models}</translation>
        </message>
        <message>
            <source>&lt;a href="{url}"&gt;Get an API key&lt;/a&gt;</source>
            <translation>&lt;a href="{url}"&gt;获取 API 密钥&lt;/a&gt;</translation>
        </message>
        <message>
            <source>&lt;a href="{url}"&gt;Docs&lt;/a&gt;</source>
            <translation>&lt;a href="{url}"&gt;文档&lt;/a&gt;</translation>
        </message>
    </context>
    <context>
        <name>ProfileChoice</name>
        <message>
            <source>(the first profile)</source>
            <translation>（第一个方案）</translation>
        </message>
        <message>
            <source>{name} (no such profile)</source>
            <translation>{name}（方案不存在）</translation>
        </message>
    </context>
    <context>
        <name>ProfilesPage</name>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>No profiles yet.

A profile is what one Claude Code launch sees: which provider and model serve each model slot (haiku, sonnet, opus). Add one.</source>
            <translation>还没有方案。

方案决定一次 Claude Code 启动所用的配置：每个模型槽位（haiku、sonnet、opus）由哪个提供商的哪个模型处理。添加一个吧。</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>（未命名）</translation>
        </message>
        <message>
            <source>Delete profile</source>
            <translation>删除方案</translation>
        </message>
        <message>
            <source>Delete the profile {name}?</source>
            <translation>删除方案 {name}？</translation>
        </message>
    </context>
    <context>
        <name>ProviderEditor</name>
        <message>
            <source>API key</source>
            <translation>API 密钥</translation>
        </message>
        <message>
            <source>Subscription login</source>
            <translation>订阅登录</translation>
        </message>
        <message>
            <source>A provider of your own (not from the catalogue).</source>
            <translation>自定义提供商（不来自预设）。</translation>
        </message>
        <message>
            <source>From the catalogue: &lt;b&gt;{name}&lt;/b&gt;</source>
            <translation>来自预设：&lt;b&gt;{name}&lt;/b&gt;</translation>
        </message>
        <message>
            <source>&lt;a href="{url}"&gt;Get an API key&lt;/a&gt;</source>
            <translation>&lt;a href="{url}"&gt;获取 API 密钥&lt;/a&gt;</translation>
        </message>
        <message>
            <source>&lt;a href="{url}"&gt;Docs&lt;/a&gt;</source>
            <translation>&lt;a href="{url}"&gt;文档&lt;/a&gt;</translation>
        </message>
        <message>
            <source>Replace {placeholder} in the base URL with your own value.</source>
            <translation>请把基础 URL 中的 {placeholder} 替换为你自己的值。</translation>
        </message>
        <message>
            <source>Fill in the value of the header {names} below.</source>
            <translation>请在下方填写请求头 {names} 的值。</translation>
        </message>
    </context>
    <context>
        <name>ProvidersPage</name>
        <message>
            <source>Add from catalogue…</source>
            <translation>从预设添加…</translation>
        </message>
        <message>
            <source>Add custom</source>
            <translation>自定义添加</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>No providers yet.

A provider is where requests go: Anthropic, OpenAI, DeepSeek, OpenRouter… Add one from the catalogue (you only need its API key).</source>
            <translation>还没有提供商。

提供商是请求的去处：Anthropic、OpenAI、DeepSeek、OpenRouter… 从预设添加一个即可（只需要它的 API 密钥）。</translation>
        </message>
        <message>
            <source>(unnamed)</source>
            <translation>（未命名）</translation>
        </message>
        <message>
            <source>Remove the provider {name}?</source>
            <translation>移除提供商 {name}？</translation>
        </message>
        <message>
            <source>The profiles {profiles} use it: fix their routes before saving.</source>
            <translation>方案 {profiles} 正在使用它：保存前请修改这些方案的路由。</translation>
        </message>
        <message>
            <source>Remove provider</source>
            <translation>移除提供商</translation>
        </message>
    </context>
    <context>
        <name>ProxyControl</name>
        <message>
            <source>cannot listen on {address}: {error}</source>
            <translation>无法监听 {address}：{error}</translation>
        </message>
    </context>
    <context>
        <name>RouteEditor</name>
        <message>
            <source>Candidates, first serves</source>
            <translation>候选模型，排第一的优先</translation>
        </message>
        <message>
            <source>Empty: the default route serves it.</source>
            <translation>留空：由默认路由处理。</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>Move up (tried earlier)</source>
            <translation>上移（先尝试）</translation>
        </message>
        <message>
            <source>Move down (tried later)</source>
            <translation>下移（后尝试）</translation>
        </message>
        <message>
            <source>model name</source>
            <translation>模型名称</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
    </context>
    <context>
        <name>SettingsWindow</name>
        <message>
            <source>Providers</source>
            <translation>提供商</translation>
        </message>
        <message>
            <source>Profiles</source>
            <translation>方案</translation>
        </message>
        <message>
            <source>General</source>
            <translation>通用</translation>
        </message>
        <message>
            <source>Switchboard Settings[*]</source>
            <translation>Switchboard 设置[*]</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>还原</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>应用</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message numerus="yes">
            <source>Cannot save: {where}: {problem} (and %n more)</source>
            <translation>
                <numerusform>无法保存：{where}：{problem}（另有 %n 个问题）</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot save: {where}: {problem}</source>
            <translation>无法保存：{where}：{problem}</translation>
        </message>
        <message numerus="yes">
            <source>Cannot save: {problem} (and %n more)</source>
            <translation>
                <numerusform>无法保存：{problem}（另有 %n 个问题）</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot save: {problem}</source>
            <translation>无法保存：{problem}</translation>
        </message>
        <message>
            <source>Unsaved changes.</source>
            <translation>有未保存的更改。</translation>
        </message>
        <message>
            <source>Saving… (the system keyring may ask for your password)</source>
            <translation>正在保存…（系统钥匙串可能会要求输入密码）</translation>
        </message>
        <message>
            <source>Config file changed</source>
            <translation>配置文件已更改</translation>
        </message>
        <message>
            <source>{path} was changed outside the settings window since it was loaded. Saving replaces those changes with what this window shows.

Save anyway? (Cancel keeps your edits; Revert loads the file instead.)</source>
            <translation>{path} 在加载后被设置窗口以外的程序修改过。保存会用本窗口中的内容覆盖这些修改。

仍然保存吗？（取消会保留你的编辑；还原则改为加载该文件。）</translation>
        </message>
        <message>
            <source>the config could not be written: {error}</source>
            <translation>无法写入配置：{error}</translation>
        </message>
        <message>
            <source>the API key could not be stored: {error}</source>
            <translation>无法保存 API 密钥：{error}</translation>
        </message>
        <message>
            <source>Not saved: {reason}</source>
            <translation>未保存：{reason}</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <source>The file on disk does not load, so it was not taken: {error}</source>
            <translation>磁盘上的文件无法加载，因此未采用：{error}</translation>
        </message>
        <message>
            <source>The config file changed on disk; Revert loads it.</source>
            <translation>磁盘上的配置文件已更改；点“还原”即可加载。</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>未保存的更改</translation>
        </message>
        <message>
            <source>Save your changes before closing?</source>
            <translation>关闭前保存更改吗？</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <source>Started with --no-tray.</source>
            <translation>以 --no-tray 启动。</translation>
        </message>
        <message>
            <source>No system tray was found.</source>
            <translation>未找到系统托盘。</translation>
        </message>
        <message>
            <source>The config file cannot be loaded:

{error}

Fix it (or move it away to start afresh), then start Switchboard again.</source>
            <translation>无法加载配置文件：

{error}

请修正它（或将它移走以全新开始），然后重新启动 Switchboard。</translation>
        </message>
    </context>
    <context>
        <name>Sparkline</name>
        <message>
            <source>no data yet</source>
            <translation>暂无数据</translation>
        </message>
    </context>
    <context>
        <name>TextEditor</name>
        <message>
            <source>(not set)</source>
            <translation>（未设置）</translation>
        </message>
    </context>
    <context>
        <name>UpdateCheck</name>
        <message>
            <source>No release feed is configured (settings.update_feed_url).</source>
            <translation>未配置发布源（settings.update_feed_url）。</translation>
        </message>
        <message>
            <source>The update check failed: {error}</source>
            <translation>检查更新失败：{error}</translation>
        </message>
        <message>
            <source>Switchboard {version} is the newest version.</source>
            <translation>Switchboard {version} 已是最新版本。</translation>
        </message>
        <message>
            <source>Switchboard {version} is out</source>
            <translation>Switchboard {version} 已发布</translation>
        </message>
        <message>
            <source>You have {version}. The tray menu opens the release page.</source>
            <translation>你当前的版本是 {version}。可从托盘菜单打开发布页面。</translation>
        </message>
        <message>
            <source>Switchboard {version} is out (you have {current}): {url}</source>
            <translation>Switchboard {version} 已发布（你当前的版本是 {current}）：{url}</translation>
        </message>
    </context>
    <context>
        <name>figures</name>
        <message>
            <source>Provider</source>
            <translation>提供商</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>健康状态</translation>
        </message>
        <message>
            <source>Requests</source>
            <translation>请求数</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Latency p50</source>
            <translation>延迟 p50</translation>
        </message>
        <message>
            <source>TTFT p50</source>
            <translation>首 token p50</translation>
        </message>
        <message>
            <source>Tokens in / out</source>
            <translation>token 输入 / 输出</translation>
        </message>
        <message>
            <source>Cost</source>
            <translation>费用</translation>
        </message>
        <message>
            <source>Last error</source>
            <translation>最近错误</translation>
        </message>
        <message>
            <source>Profile</source>
            <translation>方案</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Slot / rule</source>
            <translation>槽位 / 规则</translation>
        </message>
        <message>
            <source>Served by</source>
            <translation>服务方</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>耗时</translation>
        </message>
        <message>
            <source>TTFT</source>
            <translation>首 token</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>尝试记录</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>default</source>
            <translation>默认</translation>
        </message>
        <message>
            <source>explicit</source>
            <translation>指定模型</translation>
        </message>
        <message>
            <source>subagent</source>
            <translation>子代理</translation>
        </message>
        <message>
            <source>long_context</source>
            <translation>长上下文</translation>
        </message>
        <message>
            <source>image</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>web_search</source>
            <translation>联网搜索</translation>
        </message>
        <message>
            <source>background</source>
            <translation>后台</translation>
        </message>
        <message>
            <source>thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <source>compaction</source>
            <translation>上下文压缩</translation>
        </message>
        <message>
            <source>auto-classifier</source>
            <translation>自动路由分类</translation>
        </message>
        <message>
            <source>auto:{route}</source>
            <translation>自动：{route}</translation>
        </message>
        <message>
            <source>Requests since {time}</source>
            <translation>{time} 以来的请求</translation>
        </message>
        <message>
            <source>Latency p50 / p90</source>
            <translation>延迟 p50 / p90</translation>
        </message>
        <message>
            <source>Time to first token p50</source>
            <translation>首 token 时间 p50</translation>
        </message>
        <message>
            <source>Tokens today in / out</source>
            <translation>今日 token 输入 / 输出</translation>
        </message>
        <message>
            <source>Estimated cost today</source>
            <translation>今日预估费用</translation>
        </message>
        <message>
            <source>{health} (breaker open)</source>
            <translation>{health}（熔断器已打开）</translation>
        </message>
        <message>
            <source>{health} (breaker half-open)</source>
            <translation>{health}（熔断器半开）</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>{count}/min</source>
            <translation>{count}/分钟</translation>
        </message>
    </context>
    <context>
        <name>health</name>
        <message>
            <source>ok</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>degraded</source>
            <translation>降级</translation>
        </message>
        <message>
            <source>down</source>
            <translation>不可用</translation>
        </message>
        <message>
            <source>disabled</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>breaker open</source>
            <translation>熔断器已打开</translation>
        </message>
        <message>
            <source>breaker half-open</source>
            <translation>熔断器半开</translation>
        </message>
        <message>
            <source>failing</source>
            <translation>调用失败</translation>
        </message>
        <message>
            <source>Proxy stopped: {failure}</source>
            <translation>代理已停止：{failure}</translation>
        </message>
        <message>
            <source>Proxy stopped</source>
            <translation>代理已停止</translation>
        </message>
        <message>
            <source>Proxy on {address}</source>
            <translation>代理运行于 {address}</translation>
        </message>
        <message>
            <source>1 profile</source>
            <translation>1 个方案</translation>
        </message>
        <message>
            <source>{count} profiles</source>
            <translation>{count} 个方案</translation>
        </message>
        <message>
            <source>no providers yet</source>
            <translation>尚无提供商</translation>
        </message>
        <message>
            <source>all providers healthy</source>
            <translation>所有提供商正常</translation>
        </message>
        <message>
            <source>{problem} (+{count} more)</source>
            <translation>{problem}（另有 {count} 项）</translation>
        </message>
    </context>
    <context>
        <name>menu</name>
        <message>
            <source>{profile}  ({health})  ·  {tokens} tokens, {cost} today</source>
            <translation>{profile}（{health}）· 今日 {tokens} token，{cost}</translation>
        </message>
        <message>
            <source>{profile}  ({health})  ·  {tokens} tokens today</source>
            <translation>{profile}（{health}）· 今日 {tokens} token</translation>
        </message>
        <message>
            <source>{profile}  ({health})</source>
            <translation>{profile}（{health}）</translation>
        </message>
        <message>
            <source>Open Switchboard</source>
            <translation>打开 Switchboard</translation>
        </message>
        <message>
            <source>⚠ Log in again: {login}…</source>
            <translation>⚠ 重新登录：{login}…</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>设置…</translation>
        </message>
        <message>
            <source>Dashboard…</source>
            <translation>仪表盘…</translation>
        </message>
        <message>
            <source>Start at login</source>
            <translation>登录时启动</translation>
        </message>
        <message>
            <source>Switchboard {version} is out: open its page…</source>
            <translation>Switchboard {version} 已发布：打开发布页面…</translation>
        </message>
        <message>
            <source>Check for updates…</source>
            <translation>检查更新…</translation>
        </message>
        <message>
            <source>About Switchboard</source>
            <translation>关于 Switchboard</translation>
        </message>
        <message>
            <source>Quit Switchboard</source>
            <translation>退出 Switchboard</translation>
        </message>
        <message>
            <source>Launch Claude with</source>
            <translation>使用方案启动 Claude</translation>
        </message>
        <message>
            <source>No profiles yet: add one in Settings</source>
            <translation>尚无方案：请在设置中添加</translation>
        </message>
        <message>
            <source>Open Settings…</source>
            <translation>打开设置…</translation>
        </message>
        <message>
            <source>In folder: {folder}</source>
            <translation>文件夹：{folder}</translation>
        </message>
        <message>
            <source>{folder} (default)</source>
            <translation>{folder}（默认）</translation>
        </message>
        <message>
            <source>Choose folder…</source>
            <translation>选择文件夹…</translation>
        </message>
        <message>
            <source>Always start in {folder}</source>
            <translation>始终在 {folder} 中启动</translation>
        </message>
        <message>
            <source>Proxy</source>
            <translation>代理</translation>
        </message>
        <message>
            <source>Running on {address}</source>
            <translation>运行于 {address}</translation>
        </message>
        <message>
            <source>Not running: {reason}</source>
            <translation>未运行：{reason}</translation>
        </message>
        <message>
            <source>Stopped</source>
            <translation>已停止</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>启动</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>停止</translation>
        </message>
        <message>
            <source>Restart</source>
            <translation>重启</translation>
        </message>
        <message>
            <source>Copy shell exports for</source>
            <translation>复制 shell 环境变量</translation>
        </message>
        <message>
            <source>Check for updates</source>
            <translation>检查更新</translation>
        </message>
        <message>
            <source>Could not change the login entry: {error}</source>
            <translation>无法修改登录启动项：{error}</translation>
        </message>
    </context>
    <context>
        <name>notices</name>
        <message>
            <source>Switchboard: request failed</source>
            <translation>Switchboard：请求失败</translation>
        </message>
        <message>
            <source>{profile}: every candidate failed ({attempts})</source>
            <translation>{profile}：所有候选均失败（{attempts}）</translation>
        </message>
        <message>
            <source>Switchboard: failover</source>
            <translation>Switchboard：故障转移</translation>
        </message>
        <message>
            <source>{profile}: {attempt} — served by {served} instead</source>
            <translation>{profile}：{attempt}，已改由 {served} 处理</translation>
        </message>
        <message>
            <source>Switchboard: provider paused</source>
            <translation>Switchboard：提供商已暂停</translation>
        </message>
        <message>
            <source>{provider} keeps failing: requests skip it for a while</source>
            <translation>{provider} 持续失败：请求将暂时绕过它</translation>
        </message>
        <message>
            <source>Switchboard: provider back</source>
            <translation>Switchboard：提供商已恢复</translation>
        </message>
        <message>
            <source>{provider} works again</source>
            <translation>{provider} 已恢复正常</translation>
        </message>
        <message>
            <source>{file} sets {names} in its "env" block, which Claude Code applies over Switchboard's values; remove them there for this profile to work</source>
            <translation>{file} 的 "env" 块设置了 {names}，Claude Code 会用它们覆盖 Switchboard 设置的值；请从那里删除它们，此方案才能正常工作</translation>
        </message>
        <message>
            <source>your environment sets {names}, which Claude Code will also use with this profile; unset them in your shell if they are not meant for it</source>
            <translation>你的环境变量中设置了 {names}，Claude Code 在此方案下也会使用它们；如果它们不是为此方案准备的，请在 shell 中取消设置</translation>
        </message>
    </context>
    <context>
        <name>schema</name>
        <message>
            <source>Host</source>
            <translation>主机</translation>
        </message>
        <message>
            <source>Address the proxy listens on.</source>
            <translation>代理监听的地址。</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>端口</translation>
        </message>
        <message>
            <source>Port the proxy listens on.</source>
            <translation>代理监听的端口。</translation>
        </message>
        <message>
            <source>Require token</source>
            <translation>需要令牌</translation>
        </message>
        <message>
            <source>Require the local token on proxy requests (turn off only if trusted).</source>
            <translation>代理请求必须携带本地令牌（仅在可信环境下关闭）。</translation>
        </message>
        <message>
            <source>Default profile</source>
            <translation>默认方案</translation>
        </message>
        <message>
            <source>Profile served at /v1/messages; default: the first profile.</source>
            <translation>/v1/messages 使用的方案；默认：第一个方案。</translation>
        </message>
        <message>
            <source>Max body (MiB)</source>
            <translation>最大请求体（MiB）</translation>
        </message>
        <message>
            <source>Largest request body accepted, MiB.</source>
            <translation>可接受的最大请求体，单位 MiB。</translation>
        </message>
        <message>
            <source>Log level</source>
            <translation>日志级别</translation>
        </message>
        <message>
            <source>How much the log file records.</source>
            <translation>日志文件记录的详细程度。</translation>
        </message>
        <message>
            <source>Log bodies</source>
            <translation>记录请求体</translation>
        </message>
        <message>
            <source>At DEBUG level, also log request bodies (may contain your code).</source>
            <translation>在 DEBUG 级别下同时记录请求体（可能包含你的代码）。</translation>
        </message>
        <message>
            <source>Timeouts</source>
            <translation>超时</translation>
        </message>
        <message>
            <source>Upstream limits.</source>
            <translation>上游请求的时间限制。</translation>
        </message>
        <message>
            <source>Failover</source>
            <translation>故障转移</translation>
        </message>
        <message>
            <source>Retries along a model route.</source>
            <translation>沿模型路由依次重试。</translation>
        </message>
        <message>
            <source>Breaker</source>
            <translation>熔断器</translation>
        </message>
        <message>
            <source>Circuit breakers per provider.</source>
            <translation>每个提供商各自的熔断器。</translation>
        </message>
        <message>
            <source>Network</source>
            <translation>网络</translation>
        </message>
        <message>
            <source>Proxies and trusted certificates.</source>
            <translation>网络代理与受信任的证书。</translation>
        </message>
        <message>
            <source>Update feed URL</source>
            <translation>更新源 URL</translation>
        </message>
        <message>
            <source>Release feed `switchboard update --check` asks for a newer version (GitHub's releases API shape); unset: no update checks. Nothing is ever installed.</source>
            <translation>`switchboard update --check` 查询新版本的发布源（GitHub 版本发布 API 的格式）；留空则不检查更新。从不自动安装任何东西。</translation>
        </message>
        <message>
            <source>System proxy</source>
            <translation>系统代理</translation>
        </message>
        <message>
            <source>Go through the proxy that HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (or the OS settings on macOS and Windows) name, except for hosts in NO_PROXY.</source>
            <translation>通过 HTTPS_PROXY / HTTP_PROXY / ALL_PROXY（macOS 和 Windows 上为系统设置）指定的网络代理连接，NO_PROXY 中的主机除外。</translation>
        </message>
        <message>
            <source>System trust store</source>
            <translation>系统证书库</translation>
        </message>
        <message>
            <source>Trust the certificates the operating system trusts (e.g. a company's TLS inspection), besides the bundled list.</source>
            <translation>除内置证书列表外，也信任操作系统信任的证书（例如公司的 TLS 检查）。</translation>
        </message>
        <message>
            <source>Enabled</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Skip providers that keep failing.</source>
            <translation>跳过持续失败的提供商。</translation>
        </message>
        <message>
            <source>Consecutive failures</source>
            <translation>连续失败次数</translation>
        </message>
        <message>
            <source>Failures in a row that open the breaker.</source>
            <translation>连续失败多少次后熔断器断开。</translation>
        </message>
        <message>
            <source>Failure rate</source>
            <translation>失败率</translation>
        </message>
        <message>
            <source>Share of failed requests in the window that opens it.</source>
            <translation>时间窗口内失败请求占比达到此值时熔断器断开。</translation>
        </message>
        <message>
            <source>Window seconds</source>
            <translation>窗口秒数</translation>
        </message>
        <message>
            <source>Time window for the failure rate, seconds.</source>
            <translation>计算失败率的时间窗口，单位秒。</translation>
        </message>
        <message>
            <source>Min requests</source>
            <translation>最少请求数</translation>
        </message>
        <message>
            <source>Requests needed in the window before the rate counts.</source>
            <translation>窗口内至少有这么多请求，失败率才生效。</translation>
        </message>
        <message>
            <source>Cooldown seconds</source>
            <translation>冷却秒数</translation>
        </message>
        <message>
            <source>How long an open breaker skips the provider before one probe.</source>
            <translation>熔断器断开后跳过该提供商多久，再发一次试探请求。</translation>
        </message>
        <message>
            <source>Max cooldown seconds</source>
            <translation>最长冷却秒数</translation>
        </message>
        <message>
            <source>Longest cool-down a provider's Retry-After can ask for.</source>
            <translation>提供商的 Retry-After 最多可要求的冷却时间。</translation>
        </message>
        <message>
            <source>Max attempts</source>
            <translation>最多尝试次数</translation>
        </message>
        <message>
            <source>Most upstream attempts for one request, over all candidates.</source>
            <translation>一个请求在所有候选模型上最多的上游尝试次数。</translation>
        </message>
        <message>
            <source>Max seconds</source>
            <translation>最长秒数</translation>
        </message>
        <message>
            <source>No new attempt starts this long after the request arrived.</source>
            <translation>请求到达超过这么久后不再发起新的尝试。</translation>
        </message>
        <message>
            <source>Backoff initial</source>
            <translation>初始退避</translation>
        </message>
        <message>
            <source>Wait before retrying a candidate already tried, seconds.</source>
            <translation>重试已尝试过的候选模型前等待的秒数。</translation>
        </message>
        <message>
            <source>Backoff max</source>
            <translation>最长退避</translation>
        </message>
        <message>
            <source>Longest wait between two attempts (doubles up to this).</source>
            <translation>两次尝试之间的最长等待（逐次加倍，直到此值）。</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>To open a connection to the provider.</source>
            <translation>与提供商建立连接的时限。</translation>
        </message>
        <message>
            <source>First byte</source>
            <translation>首字节</translation>
        </message>
        <message>
            <source>From sending the request to the first byte of the answer.</source>
            <translation>从发出请求到收到回答第一个字节的时限。</translation>
        </message>
        <message>
            <source>Idle</source>
            <translation>空闲</translation>
        </message>
        <message>
            <source>Longest silence between two streamed chunks.</source>
            <translation>流式响应中两个数据块之间的最长间隔。</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Appears in the proxy URL /proxy/&lt;name&gt;.</source>
            <translation>用于代理地址 /proxy/&lt;name&gt;。</translation>
        </message>
        <message>
            <source>Models</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Model route for each Claude Code slot.</source>
            <translation>Claude Code 每个槽位的模型路由。</translation>
        </message>
        <message>
            <source>Slot patterns</source>
            <translation>槽位匹配</translation>
        </message>
        <message>
            <source>How a requested model name is matched to a slot.</source>
            <translation>请求中的模型名如何对应到槽位。</translation>
        </message>
        <message>
            <source>Routing</source>
            <translation>路由</translation>
        </message>
        <message>
            <source>Rules that send some requests to another route (routing.py has the order).</source>
            <translation>把部分请求发往其他路由的规则（顺序见 routing.py）。</translation>
        </message>
        <message>
            <source>Claude config dir</source>
            <translation>Claude 配置目录</translation>
        </message>
        <message>
            <source>CLAUDE_CONFIG_DIR for launches; default: one folder per profile.</source>
            <translation>启动时使用的 CLAUDE_CONFIG_DIR；默认：每个方案一个文件夹。</translation>
        </message>
        <message>
            <source>Share claude config</source>
            <translation>共用 Claude 配置</translation>
        </message>
        <message>
            <source>Use the default ~/.claude instead of a folder of its own.</source>
            <translation>使用默认的 ~/.claude，而不是单独的文件夹。</translation>
        </message>
        <message>
            <source>Compact on failover</source>
            <translation>故障转移时压缩</translation>
        </message>
        <message>
            <source>When failover reaches a model whose window is too small for the conversation, summarize the oldest turns (with the background route) for it instead of skipping it.</source>
            <translation>故障转移到上下文窗口容不下当前对话的模型时，用后台路由总结最早的几轮对话后继续使用它，而不是跳过。</translation>
        </message>
        <message>
            <source>Share sessions</source>
            <translation>共享会话</translation>
        </message>
        <message>
            <source>Share Claude Code's conversations with the other profiles that share them: `claude --resume` continues here a session started in another profile, while settings and logins stay apart.</source>
            <translation>与其他开启共享的方案共用 Claude Code 对话：`claude --resume` 可在这里继续另一个方案中开始的会话，设置和登录仍各自独立。</translation>
        </message>
        <message>
            <source>Environment</source>
            <translation>环境变量</translation>
        </message>
        <message>
            <source>Extra environment variables for Claude Code.</source>
            <translation>传给 Claude Code 的额外环境变量。</translation>
        </message>
        <message>
            <source>Knowledge</source>
            <translation>项目知识</translation>
        </message>
        <message>
            <source>Folders Claude Code can search through Switchboard's MCP tool.</source>
            <translation>Claude Code 可通过 Switchboard 的 MCP 工具搜索的文件夹。</translation>
        </message>
        <message>
            <source>Offer the search_project tool to Claude Code.</source>
            <translation>向 Claude Code 提供 search_project 工具。</translation>
        </message>
        <message>
            <source>Folders</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <source>Folders to index (files .gitignore leaves out are skipped); ~ is expanded.</source>
            <translation>要建立索引的文件夹（跳过 .gitignore 排除的文件）；支持 ~。</translation>
        </message>
        <message>
            <source>Embeddings</source>
            <translation>向量嵌入</translation>
        </message>
        <message>
            <source>provider/model of an embeddings endpoint (OpenAI-compatible /embeddings) that ranks passages by meaning; without one, passages are ranked by their words.</source>
            <translation>用于按语义排序段落的嵌入接口（兼容 OpenAI 的 /embeddings），格式为 provider/model；未设置时按关键词排序。</translation>
        </message>
        <message>
            <source>Chunk lines</source>
            <translation>分段行数</translation>
        </message>
        <message>
            <source>Lines per indexed passage.</source>
            <translation>每个索引段落的行数。</translation>
        </message>
        <message>
            <source>Max file kb</source>
            <translation>最大文件（KB）</translation>
        </message>
        <message>
            <source>Larger files are not indexed.</source>
            <translation>更大的文件不建立索引。</translation>
        </message>
        <message>
            <source>Explicit model</source>
            <translation>显式模型</translation>
        </message>
        <message>
            <source>A model field of the form provider/model picks exactly that model.</source>
            <translation>请求中的 `model` 字段写成 provider/model 时，就使用该模型。</translation>
        </message>
        <message>
            <source>Subagent tag</source>
            <translation>子代理标记</translation>
        </message>
        <message>
            <source>&lt;switchboard-model&gt;provider/model&lt;/switchboard-model&gt; in the system prompt (e.g. in a subagent's definition) picks that model; the tag is removed before sending.</source>
            <translation>系统提示词中的 &lt;switchboard-model&gt;provider/model&lt;/switchboard-model&gt;（例如写在子代理定义里）会选用该模型；发送前会移除此标记。</translation>
        </message>
        <message>
            <source>Long context</source>
            <translation>长上下文</translation>
        </message>
        <message>
            <source>Route for long requests.</source>
            <translation>长请求使用的路由。</translation>
        </message>
        <message>
            <source>Image</source>
            <translation>图片</translation>
        </message>
        <message>
            <source>Route for requests with images.</source>
            <translation>带图片的请求使用的路由。</translation>
        </message>
        <message>
            <source>Web search</source>
            <translation>联网搜索</translation>
        </message>
        <message>
            <source>Route for web search requests.</source>
            <translation>联网搜索请求使用的路由。</translation>
        </message>
        <message>
            <source>Background</source>
            <translation>后台</translation>
        </message>
        <message>
            <source>Route for background calls.</source>
            <translation>后台调用使用的路由。</translation>
        </message>
        <message>
            <source>Thinking</source>
            <translation>思考</translation>
        </message>
        <message>
            <source>Route for thinking requests.</source>
            <translation>开启思考的请求使用的路由。</translation>
        </message>
        <message>
            <source>Auto</source>
            <translation>自动</translation>
        </message>
        <message>
            <source>A classifier picks a named route per conversation (last rule).</source>
            <translation>由分类模型为每个对话选择一个命名路由（最后一条规则）。</translation>
        </message>
        <message>
            <source>Turn the rule off without losing its routes.</source>
            <translation>关闭此规则但保留其路由。</translation>
        </message>
        <message>
            <source>Classifier</source>
            <translation>分类模型</translation>
        </message>
        <message>
            <source>The model that classifies (a small local model, e.g. Ollama, is typical).</source>
            <translation>负责分类的模型（通常是小型本地模型，例如 Ollama）。</translation>
        </message>
        <message>
            <source>Routes</source>
            <translation>路由</translation>
        </message>
        <message>
            <source>Named routes the classifier picks from, e.g. code, reasoning, quick, long.</source>
            <translation>供分类模型选择的命名路由，例如 `code`、`reasoning`、`quick`、`long`。</translation>
        </message>
        <message>
            <source>Descriptions</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>What each named route is for, as the classifier reads it (optional).</source>
            <translation>每个命名路由的用途，供分类模型参考（可选）。</translation>
        </message>
        <message>
            <source>Timeout</source>
            <translation>超时</translation>
        </message>
        <message>
            <source>Seconds the classifier may take before the slot's route.</source>
            <translation>分类模型最多可用的秒数，超时则使用槽位的路由。</translation>
        </message>
        <message>
            <source>Slots</source>
            <translation>槽位</translation>
        </message>
        <message>
            <source>Slots the classifier decides for (background haiku calls are left out).</source>
            <translation>由分类模型决定的槽位（不含后台的 haiku 调用）。</translation>
        </message>
        <message>
            <source>Turn the rule off without losing its route.</source>
            <translation>关闭此规则但保留其路由。</translation>
        </message>
        <message>
            <source>Route</source>
            <translation>路由</translation>
        </message>
        <message>
            <source>Model route used when the rule matches.</source>
            <translation>规则匹配时使用的模型路由。</translation>
        </message>
        <message>
            <source>Modes</source>
            <translation>模式</translation>
        </message>
        <message>
            <source>thinking.type values that select this route.</source>
            <translation>选用此路由的 thinking.type 取值。</translation>
        </message>
        <message>
            <source>Haiku slot</source>
            <translation>Haiku 槽位</translation>
        </message>
        <message>
            <source>Requests for the haiku slot are background.</source>
            <translation>发往 haiku 槽位的请求视为后台请求。</translation>
        </message>
        <message>
            <source>Model pattern</source>
            <translation>模型名模式</translation>
        </message>
        <message>
            <source>Regular expression on the requested model name that means background.</source>
            <translation>匹配请求模型名的正则表达式，匹配即视为后台请求。</translation>
        </message>
        <message>
            <source>Threshold</source>
            <translation>阈值</translation>
        </message>
        <message>
            <source>Input tokens above which the long-context route is used.</source>
            <translation>输入 token 数超过此值时使用长上下文路由。</translation>
        </message>
        <message>
            <source>Haiku</source>
            <translation>Haiku</translation>
        </message>
        <message>
            <source>Requested names that mean the haiku slot.</source>
            <translation>对应 haiku 槽位的模型名。</translation>
        </message>
        <message>
            <source>Sonnet</source>
            <translation>Sonnet</translation>
        </message>
        <message>
            <source>Requested names that mean the sonnet slot.</source>
            <translation>对应 sonnet 槽位的模型名。</translation>
        </message>
        <message>
            <source>Opus</source>
            <translation>Opus</translation>
        </message>
        <message>
            <source>Requested names that mean the opus slot.</source>
            <translation>对应 opus 槽位的模型名。</translation>
        </message>
        <message>
            <source>Default</source>
            <translation>默认</translation>
        </message>
        <message>
            <source>Route for requests that match no other slot.</source>
            <translation>不属于其他槽位的请求使用的路由。</translation>
        </message>
        <message>
            <source>Route for the small, fast model.</source>
            <translation>小而快的模型使用的路由。</translation>
        </message>
        <message>
            <source>Route for the sonnet tier.</source>
            <translation>sonnet 级别使用的路由。</translation>
        </message>
        <message>
            <source>Route for the opus tier.</source>
            <translation>opus 级别使用的路由。</translation>
        </message>
        <message>
            <source>Short name used in model references: name/model.</source>
            <translation>在模型引用 name/model 中使用的简称。</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>API dialect the provider speaks.</source>
            <translation>提供商使用的 API 协议。</translation>
        </message>
        <message>
            <source>Base URL</source>
            <translation>基础 URL</translation>
        </message>
        <message>
            <source>API root, e.g. https://api.deepseek.com/v1.</source>
            <translation>API 根地址，例如 https://api.deepseek.com/v1。</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>API 密钥</translation>
        </message>
        <message>
            <source>keyring:NAME (recommended), env:VARIABLE, login:NAME (a subscription login: `switchboard auth login`), or the key itself (discouraged).</source>
            <translation>keyring:名称（推荐）、env:变量名、login:名称（订阅登录：`switchboard auth login`），或直接填写密钥（不推荐）。</translation>
        </message>
        <message>
            <source>Auth</source>
            <translation>认证方式</translation>
        </message>
        <message>
            <source>How the key is sent. Default: x-api-key for anthropic, x-goog-api-key for gemini, bearer otherwise.</source>
            <translation>密钥的发送方式。默认：anthropic 用 x-api-key，gemini 用 x-goog-api-key，其余用 bearer。</translation>
        </message>
        <message>
            <source>Preset</source>
            <translation>预设</translation>
        </message>
        <message>
            <source>Catalogue preset this provider was made from (supplies model limits).</source>
            <translation>创建此提供商所用的预设（提供模型限制等信息）。</translation>
        </message>
        <message>
            <source>Headers</source>
            <translation>请求头</translation>
        </message>
        <message>
            <source>Extra HTTP headers sent with every request.</source>
            <translation>每个请求附带的额外 HTTP 请求头。</translation>
        </message>
        <message>
            <source>Query</source>
            <translation>查询参数</translation>
        </message>
        <message>
            <source>Extra query parameters, e.g. Azure's api-version.</source>
            <translation>额外的查询参数，例如 Azure 的 api-version。</translation>
        </message>
        <message>
            <source>Per-model limits and quirks; override the catalogue.</source>
            <translation>按模型设置的限制与兼容选项，覆盖预设中的值。</translation>
        </message>
        <message>
            <source>Quirks</source>
            <translation>兼容选项</translation>
        </message>
        <message>
            <source>Translation quirks for every model of this provider.</source>
            <translation>此提供商所有模型的协议转换兼容选项。</translation>
        </message>
        <message>
            <source>A disabled provider is skipped by every route.</source>
            <translation>停用的提供商会被所有路由跳过。</translation>
        </message>
        <message>
            <source>Context window</source>
            <translation>上下文窗口</translation>
        </message>
        <message>
            <source>Input context size in tokens.</source>
            <translation>输入上下文的大小（token 数）。</translation>
        </message>
        <message>
            <source>Max output tokens</source>
            <translation>最大输出 token</translation>
        </message>
        <message>
            <source>Largest max_tokens the model accepts; requests are clamped to it.</source>
            <translation>模型可接受的最大 max_tokens；超出的请求会被截到此值。</translation>
        </message>
        <message>
            <source>Vision</source>
            <translation>视觉</translation>
        </message>
        <message>
            <source>Accepts image input.</source>
            <translation>支持图片输入。</translation>
        </message>
        <message>
            <source>Reasoning</source>
            <translation>推理</translation>
        </message>
        <message>
            <source>Produces reasoning (thinking) output.</source>
            <translation>会输出推理（思考）内容。</translation>
        </message>
        <message>
            <source>Input price</source>
            <translation>输入价格</translation>
        </message>
        <message>
            <source>USD per million input tokens.</source>
            <translation>每百万输入 token 的价格（美元）。</translation>
        </message>
        <message>
            <source>Output price</source>
            <translation>输出价格</translation>
        </message>
        <message>
            <source>USD per million output tokens.</source>
            <translation>每百万输出 token 的价格（美元）。</translation>
        </message>
        <message>
            <source>Cache read price</source>
            <translation>缓存读取价格</translation>
        </message>
        <message>
            <source>USD per million cached input tokens.</source>
            <translation>每百万缓存输入 token 的价格（美元）。</translation>
        </message>
        <message>
            <source>Translation quirks for this model only.</source>
            <translation>仅对此模型生效的协议转换兼容选项。</translation>
        </message>
    </context>
    <context>
        <name>catalog</name>
        <message>
            <source>Anthropic</source>
            <translation>Anthropic</translation>
        </message>
        <message>
            <source>DeepSeek (Anthropic API)</source>
            <translation>DeepSeek（Anthropic API）</translation>
        </message>
        <message>
            <source>Moonshot Kimi (Anthropic API)</source>
            <translation>Moonshot Kimi（Anthropic API）</translation>
        </message>
        <message>
            <source>Z.ai GLM (Anthropic API)</source>
            <translation>Z.ai GLM（Anthropic API）</translation>
        </message>
        <message>
            <source>Zhipu BigModel GLM (Anthropic API, China)</source>
            <translation>智谱 BigModel GLM（Anthropic API，中国大陆）</translation>
        </message>
        <message>
            <source>MiniMax (Anthropic API)</source>
            <translation>MiniMax（Anthropic API）</translation>
        </message>
        <message>
            <source>Alibaba Qwen (Anthropic API, international)</source>
            <translation>阿里云通义千问 Qwen（Anthropic API，国际站）</translation>
        </message>
        <message>
            <source>OpenRouter (Anthropic API)</source>
            <translation>OpenRouter（Anthropic API）</translation>
        </message>
        <message>
            <source>OpenAI</source>
            <translation>OpenAI</translation>
        </message>
        <message>
            <source>OpenAI (Responses API)</source>
            <translation>OpenAI（Responses API）</translation>
        </message>
        <message>
            <source>ChatGPT subscription (Codex)</source>
            <translation>ChatGPT 订阅（Codex）</translation>
        </message>
        <message>
            <source>Azure OpenAI</source>
            <translation>Azure OpenAI</translation>
        </message>
        <message>
            <source>DeepSeek</source>
            <translation>DeepSeek</translation>
        </message>
        <message>
            <source>Moonshot Kimi</source>
            <translation>Moonshot Kimi</translation>
        </message>
        <message>
            <source>Z.ai GLM</source>
            <translation>Z.ai GLM</translation>
        </message>
        <message>
            <source>Zhipu BigModel GLM (China)</source>
            <translation>智谱 BigModel GLM（中国大陆）</translation>
        </message>
        <message>
            <source>xAI Grok</source>
            <translation>xAI Grok</translation>
        </message>
        <message>
            <source>Groq</source>
            <translation>Groq</translation>
        </message>
        <message>
            <source>Mistral AI</source>
            <translation>Mistral AI</translation>
        </message>
        <message>
            <source>Together AI</source>
            <translation>Together AI</translation>
        </message>
        <message>
            <source>Fireworks AI</source>
            <translation>Fireworks AI</translation>
        </message>
        <message>
            <source>DeepInfra</source>
            <translation>DeepInfra</translation>
        </message>
        <message>
            <source>Cerebras</source>
            <translation>Cerebras</translation>
        </message>
        <message>
            <source>OpenRouter</source>
            <translation>OpenRouter</translation>
        </message>
        <message>
            <source>Perplexity Sonar</source>
            <translation>Perplexity Sonar</translation>
        </message>
        <message>
            <source>Nebius Token Factory</source>
            <translation>Nebius Token Factory</translation>
        </message>
        <message>
            <source>Novita AI</source>
            <translation>Novita AI</translation>
        </message>
        <message>
            <source>SiliconFlow</source>
            <translation>SiliconFlow 硅基流动</translation>
        </message>
        <message>
            <source>Alibaba Qwen (DashScope, international)</source>
            <translation>阿里云通义千问 Qwen（DashScope，国际站）</translation>
        </message>
        <message>
            <source>Alibaba Qwen (DashScope, China)</source>
            <translation>阿里云通义千问 Qwen（DashScope，中国大陆）</translation>
        </message>
        <message>
            <source>MiniMax</source>
            <translation>MiniMax</translation>
        </message>
        <message>
            <source>Google Gemini</source>
            <translation>Google Gemini</translation>
        </message>
        <message>
            <source>Google Gemini (OpenAI-compatible)</source>
            <translation>Google Gemini（兼容 OpenAI）</translation>
        </message>
        <message>
            <source>Ollama (local)</source>
            <translation>Ollama（本地）</translation>
        </message>
        <message>
            <source>LM Studio (local)</source>
            <translation>LM Studio（本地）</translation>
        </message>
        <message>
            <source>vLLM (local)</source>
            <translation>vLLM（本地）</translation>
        </message>
        <message>
            <source>Claude Pro/Max (subscription login)</source>
            <translation>Claude Pro/Max（订阅登录）</translation>
        </message>
        <message>
            <source>GitHub Copilot (subscription login)</source>
            <translation>GitHub Copilot（订阅登录）</translation>
        </message>
        <message>
            <source>Qwen Code (qwen.ai login)</source>
            <translation>Qwen Code（qwen.ai 登录）</translation>
        </message>
        <message>
            <source>Kimi for Coding (kimi.com login)</source>
            <translation>Kimi for Coding（kimi.com 登录）</translation>
        </message>
        <message>
            <source>GitLab Duo (Claude through GitLab)</source>
            <translation>GitLab Duo（经由 GitLab 使用 Claude）</translation>
        </message>
        <message>
            <source>Gemini Code Assist (Google login)</source>
            <translation>Gemini Code Assist（Google 登录）</translation>
        </message>
        <message>
            <source>Gemini on Google Vertex AI (Google Cloud credentials)</source>
            <translation>Google Vertex AI 上的 Gemini（Google Cloud 凭据）</translation>
        </message>
        <message>
            <source>Claude on Google Vertex AI (Google Cloud credentials)</source>
            <translation>Google Vertex AI 上的 Claude（Google Cloud 凭据）</translation>
        </message>
        <message>
            <source>Unknown model names are served by the flash model. Peak-hour prices shown; off-peak is half.</source>
            <translation>未知的模型名由 flash 模型处理。显示的是高峰时段价格，非高峰时段半价。</translation>
        </message>
        <message>
            <source>Mainland China account and key; billed in CNY.</source>
            <translation>中国大陆账号和密钥；以人民币计费。</translation>
        </message>
        <message>
            <source>Singapore-region pay-as-you-go keys only.</source>
            <translation>仅限新加坡地域的按量付费密钥。</translation>
        </message>
        <message>
            <source>Model names are OpenRouter slugs such as z-ai/glm-5.3.</source>
            <translation>模型名为 OpenRouter 的标识，例如 z-ai/glm-5.3。</translation>
        </message>
        <message>
            <source>gpt-6-astra is not enabled for every API project yet.</source>
            <translation>gpt-6-astra 尚未对所有 API 项目开放。</translation>
        </message>
        <message>
            <source>OpenAI's newest API: reasoning is kept across turns (encrypted, nothing stored at OpenAI). gpt-6-astra is not enabled for every API project yet.</source>
            <translation>OpenAI 最新的 API：推理内容跨轮次保留（加密传递，OpenAI 不做存储）。gpt-6-astra 尚未对所有 API 项目开放。</translation>
        </message>
        <message>
            <source>Uses a ChatGPT Plus/Pro plan instead of API billing: log in with your ChatGPT account (the login sets the ChatGPT-Account-ID header the backend requires).</source>
            <translation>使用 ChatGPT Plus/Pro 套餐而非 API 计费：用你的 ChatGPT 账号登录（登录会设置后端要求的 ChatGPT-Account-ID 请求头）。</translation>
        </message>
        <message>
            <source>Replace {resource} with your Azure OpenAI resource name. Model names are your deployment names. The v1 API needs no api-version parameter.</source>
            <translation>把 {resource} 替换为你的 Azure OpenAI 资源名。模型名即你的部署名。v1 API 不需要 api-version 参数。</translation>
        </message>
        <message>
            <source>Peak-hour prices shown; off-peak is half.</source>
            <translation>显示的是高峰时段价格，非高峰时段半价。</translation>
        </message>
        <message>
            <source>GLM Coding Plan keys use https://api.z.ai/api/coding/paas/v4 instead.</source>
            <translation>GLM Coding Plan 的密钥请改用 https://api.z.ai/api/coding/paas/v4。</translation>
        </message>
        <message>
            <source>The free tier limits context to 65k tokens.</source>
            <translation>免费套餐的上下文限制为 65k token。</translation>
        </message>
        <message>
            <source>Model names are OpenRouter slugs (provider/model); hundreds more are available.</source>
            <translation>模型名为 OpenRouter 的标识（provider/model）；还有数百个可用。</translation>
        </message>
        <message>
            <source>Search-augmented answers; Sonar models do not call tools, so Claude Code can use them only for plain questions.</source>
            <translation>带搜索增强的回答；Sonar 模型不调用工具，因此 Claude Code 只能用它们回答普通问题。</translation>
        </message>
        <message>
            <source>Mainland China accounts use https://api.siliconflow.cn/v1.</source>
            <translation>中国大陆账号请使用 https://api.siliconflow.cn/v1。</translation>
        </message>
        <message>
            <source>Singapore region. Prices are tiered by prompt length; see the docs.</source>
            <translation>新加坡地域。价格按提示词长度分档，详见文档。</translation>
        </message>
        <message>
            <source>Beijing region; billed in CNY.</source>
            <translation>北京地域；以人民币计费。</translation>
        </message>
        <message>
            <source>Mainland China accounts use https://api.minimaxi.com/v1.</source>
            <translation>中国大陆账号请使用 https://api.minimaxi.com/v1。</translation>
        </message>
        <message>
            <source>Gemini's native API: keeps thought signatures across tool calls and takes thinking levels. Flash prices are a promotion running until 31 December 2026; they double afterwards.</source>
            <translation>Gemini 原生 API：在工具调用之间保留思考签名，并支持思考级别。Flash 价格为优惠价，截至 2026 年 12 月 31 日，之后翻倍。</translation>
        </message>
        <message>
            <source>Flash prices are a promotion running until 31 December 2026; they double afterwards.</source>
            <translation>Flash 价格为优惠价，截至 2026 年 12 月 31 日，之后翻倍。</translation>
        </message>
        <message>
            <source>Model names are the ones `ollama list` shows.</source>
            <translation>模型名即 `ollama list` 显示的名称。</translation>
        </message>
        <message>
            <source>Start the server from LM Studio's Developer tab first.</source>
            <translation>请先在 LM Studio 的 Developer 标签页中启动服务器。</translation>
        </message>
        <message>
            <source>Model names are the --served-model-name (or model path) given to `vllm serve`.</source>
            <translation>模型名为传给 `vllm serve` 的 --served-model-name（或模型路径）。</translation>
        </message>
        <message>
            <source>Log in with your Claude Pro or Max account; usage counts against your plan's limits.</source>
            <translation>用你的 Claude Pro 或 Max 账号登录；用量计入套餐额度。</translation>
        </message>
        <message>
            <source>Log in with a GitHub account that has Copilot (individual, business, enterprise; GitHub Enterprise with --enterprise-url). Some models must be enabled in your Copilot settings first.</source>
            <translation>用开通了 Copilot 的 GitHub 账号登录（个人版、商业版、企业版；GitHub Enterprise 请加 --enterprise-url）。部分模型需先在 Copilot 设置中启用。</translation>
        </message>
        <message>
            <source>Log in with a qwen.ai account (free daily quota). The API address comes with the login.</source>
            <translation>用 qwen.ai 账号登录（每日免费额度）。API 地址随登录获得。</translation>
        </message>
        <message>
            <source>Log in with a Kimi membership that includes Kimi for Coding.</source>
            <translation>用包含 Kimi for Coding 的 Kimi 会员账号登录。</translation>
        </message>
        <message>
            <source>Log in with a GitLab personal access token (scope api) of an account with GitLab Duo; self-managed GitLab with --enterprise-url. The direct-access API is GitLab's agent platform's and may change.</source>
            <translation>用开通了 GitLab Duo 的账号的个人访问令牌（权限范围 api）登录；自托管 GitLab 请加 --enterprise-url。该直连 API 属于 GitLab 的智能体平台，可能会变动。</translation>
        </message>
        <message>
            <source>Log in with a Google account. The free tier needs no Cloud project; for Standard or Enterprise set GOOGLE_CLOUD_PROJECT before logging in.</source>
            <translation>用 Google 账号登录。免费版无需 Cloud 项目；Standard 或 Enterprise 版请在登录前设置 GOOGLE_CLOUD_PROJECT。</translation>
        </message>
        <message>
            <source>Uses this machine's Google Application Default Credentials (gcloud auth application-default login, or a key file in GOOGLE_APPLICATION_CREDENTIALS). GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION (default: global) choose where; the login fills in the address.</source>
            <translation>使用本机的 Google 应用默认凭据（gcloud auth application-default login，或 GOOGLE_APPLICATION_CREDENTIALS 指向的密钥文件）。由 GOOGLE_CLOUD_PROJECT 和 GOOGLE_CLOUD_LOCATION（默认：global）决定位置；登录后自动填入地址。</translation>
        </message>
        <message>
            <source>Uses this machine's Google Application Default Credentials (gcloud auth application-default login, or a key file in GOOGLE_APPLICATION_CREDENTIALS). GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION (default: global) choose where; enable the Claude models in Vertex's Model Garden first.</source>
            <translation>使用本机的 Google 应用默认凭据（gcloud auth application-default login，或 GOOGLE_APPLICATION_CREDENTIALS 指向的密钥文件）。由 GOOGLE_CLOUD_PROJECT 和 GOOGLE_CLOUD_LOCATION（默认：global）决定位置；请先在 Vertex 的 Model Garden 中启用 Claude 模型。</translation>
        </message>
    </context>
</TS>
