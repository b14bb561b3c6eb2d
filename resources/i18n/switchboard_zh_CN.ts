<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
            <translation>调用此提供商不需要密钥（auth: none）。</translation>
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
        <name>TextEditor</name>
        <message>
            <source>(not set)</source>
            <translation>（未设置）</translation>
        </message>
    </context>
    <context>
        <name>schema</name>
        <message>
            <source>Host</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Address the proxy listens on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Port the proxy listens on.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Require token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Require the local token on proxy requests (turn off only if trusted).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Default profile</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Profile served at /v1/messages; default: the first profile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max body (MiB)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest request body accepted, MiB.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log level</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How much the log file records.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log bodies</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At DEBUG level, also log request bodies (may contain your code).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timeouts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Upstream limits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failover</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Retries along a model route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breaker</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Circuit breakers per provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Network</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proxies and trusted certificates.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Update feed URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Release feed `switchboard update --check` asks for a newer version (GitHub's releases API shape); unset: no update checks. Nothing is ever installed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System proxy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go through the proxy that HTTPS_PROXY / HTTP_PROXY / ALL_PROXY (or the OS settings on macOS and Windows) name, except for hosts in NO_PROXY.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System trust store</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Trust the certificates the operating system trusts (e.g. a company's TLS inspection), besides the bundled list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enabled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Skip providers that keep failing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Consecutive failures</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failures in a row that open the breaker.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Failure rate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share of failed requests in the window that opens it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Window seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time window for the failure rate, seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Min requests</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requests needed in the window before the rate counts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cooldown seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How long an open breaker skips the provider before one probe.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max cooldown seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest cool-down a provider's Retry-After can ask for.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max attempts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Most upstream attempts for one request, over all candidates.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max seconds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No new attempt starts this long after the request arrived.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backoff initial</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wait before retrying a candidate already tried, seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Backoff max</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest wait between two attempts (doubles up to this).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To open a connection to the provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First byte</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From sending the request to the first byte of the answer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Idle</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Longest silence between two streamed chunks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appears in the proxy URL /proxy/&lt;name&gt;.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Models</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model route for each Claude Code slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slot patterns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How a requested model name is matched to a slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Routing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rules that send some requests to another route (routing.py has the order).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Claude config dir</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CLAUDE_CONFIG_DIR for launches; default: one folder per profile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share claude config</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use the default ~/.claude instead of a folder of its own.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Compact on failover</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When failover reaches a model whose window is too small for the conversation, summarize the oldest turns (with the background route) for it instead of skipping it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share sessions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share Claude Code's conversations with the other profiles that share them: `claude --resume` continues here a session started in another profile, while settings and logins stay apart.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Environment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extra environment variables for Claude Code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Knowledge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders Claude Code can search through Switchboard's MCP tool.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offer the search_project tool to Claude Code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Folders to index (files .gitignore leaves out are skipped); ~ is expanded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Embeddings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>provider/model of an embeddings endpoint (OpenAI-compatible /embeddings) that ranks passages by meaning; without one, passages are ranked by their words.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Chunk lines</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lines per indexed passage.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max file kb</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Larger files are not indexed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Explicit model</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A model field of the form provider/model picks exactly that model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Subagent tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;switchboard-model&gt;provider/model&lt;/switchboard-model&gt; in the system prompt (e.g. in a subagent's definition) picks that model; the tag is removed before sending.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Long context</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for long requests.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for requests with images.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Web search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for web search requests.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Background</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for background calls.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Thinking</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for thinking requests.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auto</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A classifier picks a named route per conversation (last rule).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Turn the rule off without losing its routes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Classifier</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The model that classifies (a small local model, e.g. Ollama, is typical).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Routes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Named routes the classifier picks from, e.g. code, reasoning, quick, long.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Descriptions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What each named route is for, as the classifier reads it (optional).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Timeout</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seconds the classifier may take before the slot's route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slots</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Slots the classifier decides for (background haiku calls are left out).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Turn the rule off without losing its route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model route used when the rule matches.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Modes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>thinking.type values that select this route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Haiku slot</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requests for the haiku slot are background.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model pattern</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Regular expression on the requested model name that means background.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Threshold</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Input tokens above which the long-context route is used.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Haiku</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requested names that mean the haiku slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sonnet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requested names that mean the sonnet slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opus</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Requested names that mean the opus slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for requests that match no other slot.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for the small, fast model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for the sonnet tier.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Route for the opus tier.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Short name used in model references: name/model.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API dialect the provider speaks.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Base URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API root, e.g. https://api.deepseek.com/v1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>API key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>keyring:NAME (recommended), env:VARIABLE, login:NAME (a subscription login: `switchboard auth login`), or the key itself (discouraged).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Auth</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How the key is sent. Default: x-api-key for anthropic, x-goog-api-key for gemini, bearer otherwise.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preset</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Catalogue preset this provider was made from (supplies model limits).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Headers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extra HTTP headers sent with every request.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Query</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Extra query parameters, e.g. Azure's api-version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Per-model limits and quirks; override the catalogue.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quirks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Translation quirks for every model of this provider.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A disabled provider is skipped by every route.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Context window</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Input context size in tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Max output tokens</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Largest max_tokens the model accepts; requests are clamped to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Vision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepts image input.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reasoning</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Produces reasoning (thinking) output.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Input price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>USD per million input tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Output price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>USD per million output tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cache read price</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>USD per million cached input tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Translation quirks for this model only.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>catalog</name>
        <message>
            <source>Anthropic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DeepSeek (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moonshot Kimi (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Z.ai GLM (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Zhipu BigModel GLM (Anthropic API, China)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MiniMax (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alibaba Qwen (Anthropic API, international)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenRouter (Anthropic API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenAI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenAI (Responses API)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ChatGPT subscription (Codex)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Azure OpenAI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DeepSeek</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Moonshot Kimi</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Z.ai GLM</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Zhipu BigModel GLM (China)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>xAI Grok</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Groq</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mistral AI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Together AI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fireworks AI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>DeepInfra</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cerebras</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenRouter</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Perplexity Sonar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nebius Token Factory</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Novita AI</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SiliconFlow</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alibaba Qwen (DashScope, international)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Alibaba Qwen (DashScope, China)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>MiniMax</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google Gemini</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google Gemini (OpenAI-compatible)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ollama (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LM Studio (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>vLLM (local)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Claude Pro/Max (subscription login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GitHub Copilot (subscription login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Qwen Code (qwen.ai login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kimi for Coding (kimi.com login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GitLab Duo (Claude through GitLab)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gemini Code Assist (Google login)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gemini on Google Vertex AI (Google Cloud credentials)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Claude on Google Vertex AI (Google Cloud credentials)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown model names are served by the flash model. Peak-hour prices shown; off-peak is half.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mainland China account and key; billed in CNY.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Singapore-region pay-as-you-go keys only.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model names are OpenRouter slugs such as z-ai/glm-5.3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>gpt-6-astra is not enabled for every API project yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OpenAI's newest API: reasoning is kept across turns (encrypted, nothing stored at OpenAI). gpt-6-astra is not enabled for every API project yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uses a ChatGPT Plus/Pro plan instead of API billing: log in with your ChatGPT account (the login sets the ChatGPT-Account-ID header the backend requires).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replace {resource} with your Azure OpenAI resource name. Model names are your deployment names. The v1 API needs no api-version parameter.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Peak-hour prices shown; off-peak is half.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GLM Coding Plan keys use https://api.z.ai/api/coding/paas/v4 instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The free tier limits context to 65k tokens.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model names are OpenRouter slugs (provider/model); hundreds more are available.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search-augmented answers; Sonar models do not call tools, so Claude Code can use them only for plain questions.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mainland China accounts use https://api.siliconflow.cn/v1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Singapore region. Prices are tiered by prompt length; see the docs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Beijing region; billed in CNY.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mainland China accounts use https://api.minimaxi.com/v1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Gemini's native API: keeps thought signatures across tool calls and takes thinking levels. Flash prices are a promotion running until 31 December 2026; they double afterwards.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Flash prices are a promotion running until 31 December 2026; they double afterwards.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model names are the ones `ollama list` shows.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start the server from LM Studio's Developer tab first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Model names are the --served-model-name (or model path) given to `vllm serve`.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with your Claude Pro or Max account; usage counts against your plan's limits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a GitHub account that has Copilot (individual, business, enterprise; GitHub Enterprise with --enterprise-url). Some models must be enabled in your Copilot settings first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a qwen.ai account (free daily quota). The API address comes with the login.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a Kimi membership that includes Kimi for Coding.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a GitLab personal access token (scope api) of an account with GitLab Duo; self-managed GitLab with --enterprise-url. The direct-access API is GitLab's agent platform's and may change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Log in with a Google account. The free tier needs no Cloud project; for Standard or Enterprise set GOOGLE_CLOUD_PROJECT before logging in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uses this machine's Google Application Default Credentials (gcloud auth application-default login, or a key file in GOOGLE_APPLICATION_CREDENTIALS). GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION (default: global) choose where; the login fills in the address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Uses this machine's Google Application Default Credentials (gcloud auth application-default login, or a key file in GOOGLE_APPLICATION_CREDENTIALS). GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION (default: global) choose where; enable the Claude models in Vertex's Model Garden first.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
