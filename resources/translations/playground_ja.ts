<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>DataPanel</name>
    <message>
        <source>Dataset</source>
        <translation>データセット</translation>
    </message>
    <message>
        <source>The data to learn from: start with the 2-D toy sets, move on to images when they are easy.</source>
        <translation>学習に使うデータです。まずは 2 次元のトイデータから始め、慣れたら画像に進みましょう。</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Share of the training samples held out to check for overfitting after each epoch; 0 trains on all of them.</source>
        <translation>各エポックの後に過学習を確認するため、学習に使わずに取り分けておく訓練データの割合です。0 ならすべてを学習に使います。</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>検証データの割合</translation>
    </message>
    <message>
        <source>Toy data options</source>
        <translation>トイデータの設定</translation>
    </message>
    <message>
        <source>How much the points are jittered across the class borders; raise it to practise against overfitting.</source>
        <translation>点がクラスの境界を越えてどれだけばらつくかです。大きくすると過学習対策の練習になります。</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>ノイズ</translation>
    </message>
    <message>
        <source>How many points to generate; few points make overfitting easy to see.</source>
        <translation>生成する点の数です。点が少ないと過学習を観察しやすくなります。</translation>
    </message>
    <message>
        <source>Samples</source>
        <comment>number of points to generate</comment>
        <translation>点の数</translation>
    </message>
    <message>
        <source>Samples</source>
        <comment>group of example images</comment>
        <translation>サンプル</translation>
    </message>
    <message>
        <source>Fraction of the points used for training; the rest is the test set the final accuracy is measured on.</source>
        <translation>訓練に使う点の割合です。残りは最終的な正解率を測るテストデータになります。</translation>
    </message>
    <message>
        <source>Training share</source>
        <translation>訓練データの割合</translation>
    </message>
    <message>
        <source>Which random draw of points to use; the same seed gives the same points.</source>
        <translation>点を生成する乱数のシードです。同じシードなら同じ点になります。</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>再生成</translation>
    </message>
    <message>
        <source>Draw a new set of points (next seed) to check that a model did not just fit one lucky draw.</source>
        <translation>新しい点を生成し (次のシード)、モデルがたまたま都合のよいデータに合っただけではないことを確かめます。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Your images</source>
        <translation>自分の画像</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>フォルダーを選択…</translation>
    </message>
    <message>
        <source>Pick a folder with one subfolder per class (e.g. cats/ and dogs/); subfolder names become the classes.</source>
        <translation>クラスごとにサブフォルダー (例: cats/ と dogs/) を持つフォルダーを選びます。サブフォルダー名がクラス名になります。</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Every image is resized to this square size; small sizes train much faster.</source>
        <translation>すべての画像をこの大きさの正方形にリサイズします。小さいほど学習がずっと速くなります。</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>画像サイズ</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>グレースケール</translation>
    </message>
    <message>
        <source>Read the images as grey levels (one channel); turn off when colour tells the classes apart.</source>
        <translation>画像をグレースケール (1 チャンネル) で読み込みます。色でクラスを見分けられる場合はオフにします。</translation>
    </message>
    <message>
        <source>Fraction of each class kept aside as the test set that measures the final accuracy.</source>
        <translation>各クラスのうち、最終的な正解率を測るテストデータとして取り分ける割合です。</translation>
    </message>
    <message>
        <source>Test share</source>
        <translation>テストデータの割合</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop loading and keep the dataset that was loaded before.</source>
        <translation>読み込みを中止し、前に読み込んだデータセットを引き続き使います。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>再試行</translation>
    </message>
    <message>
        <source>Load the chosen dataset again, e.g. after fixing the problem above.</source>
        <translation>選んだデータセットをもう一度読み込みます (上の問題を解決した後など)。</translation>
    </message>
    <message>
        <source>A few training images with their labels.</source>
        <translation>訓練画像の例とそのラベルです。</translation>
    </message>
    <message>
        <source>The training points, coloured by class (orange 0, blue 1) or by target value.</source>
        <translation>訓練データの点です。クラス (オレンジ: 0、青: 1) または目標値で色分けしています。</translation>
    </message>
    <message>
        <source>Augmentation (image sets)</source>
        <translation>データ拡張 (画像データ)</translation>
    </message>
    <message>
        <source>Random changes to each training batch so the network sees new variants and overfits less.</source>
        <translation>訓練バッチごとにランダムな変化を加えます。ネットワークが毎回新しいバリエーションを見るので、過学習しにくくなります。</translation>
    </message>
    <message>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <source>Rotate each image by up to this many degrees either way; 10–15 suits handwriting.</source>
        <translation>各画像を左右どちらかに最大この角度だけ回転します。手書き文字には 10～15 が適しています。</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>回転</translation>
    </message>
    <message>
        <source>Move each image by up to this fraction of its size; helps when objects are not centred.</source>
        <translation>各画像を、大きさに対して最大この割合だけ平行移動します。物体が中央にないときに有効です。</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>平行移動</translation>
    </message>
    <message>
        <source>Zoom in or out by up to this fraction (0.1: 90–110 %); helps when object sizes vary.</source>
        <translation>最大この割合で拡大・縮小します (0.1 なら 90～110 %)。物体の大きさがばらつくときに有効です。</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>拡大縮小</translation>
    </message>
    <message>
        <source>Mirror left–right</source>
        <translation>左右反転</translation>
    </message>
    <message>
        <source>Flip half the images horizontally; right for photos of things, wrong for digits and letters.</source>
        <translation>半数の画像を左右反転します。物の写真には適していますが、数字や文字には不向きです。</translation>
    </message>
    <message>
        <source>Pad by this many pixels and cut back at a random place: the classic small shift for CIFAR-style data.</source>
        <translation>この画素数だけパディングしてから、ランダムな位置で元の大きさに切り出します。CIFAR のようなデータで定番の小さな平行移動です。</translation>
    </message>
    <message>
        <source>Random crop</source>
        <translation>ランダムクロップ</translation>
    </message>
    <message>
        <source>Add up to this much to every pixel (images run from 0 to 1); helps with uneven lighting.</source>
        <translation>すべての画素に最大この値を加えます (画素値は 0～1)。照明のむらに有効です。</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>明るさ</translation>
    </message>
    <message>
        <source>Stretch or flatten the contrast by up to this fraction; helps with faint or harsh images.</source>
        <translation>コントラストを最大この割合だけ強めたり弱めたりします。薄い画像やコントラストの強すぎる画像に有効です。</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>コントラスト</translation>
    </message>
    <message>
        <source>Add random noise with this standard deviation; makes the network robust to grainy input.</source>
        <translation>この標準偏差のランダムなノイズを加えます。ざらついた入力に強いネットワークになります。</translation>
    </message>
    <message>
        <source>Pixel noise</source>
        <translation>画素ノイズ</translation>
    </message>
    <message>
        <source>Training images as they are stored.</source>
        <translation>保存されているままの訓練画像です。</translation>
    </message>
    <message>
        <source>The same images after one random augmentation, as training sees them.</source>
        <translation>同じ画像にランダムなデータ拡張を 1 回かけたもので、学習時に実際に使われる画像です。</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>元画像</translation>
    </message>
    <message>
        <source>Augmented</source>
        <translation>拡張後</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>シャッフル</translation>
    </message>
    <message>
        <source>Show other images with new random augmentations.</source>
        <translation>別の画像を新しいランダムなデータ拡張で表示します。</translation>
    </message>
    <message>
        <source>Loading cancelled; still using {0}.</source>
        <translation>読み込みを中止しました。引き続き {0} を使います。</translation>
    </message>
    <message>
        <source>Loading cancelled.</source>
        <translation>読み込みを中止しました。</translation>
    </message>
    <message>
        <source>Toy 2-D sets</source>
        <translation>2 次元のトイデータ</translation>
    </message>
    <message>
        <source>Image sets</source>
        <translation>画像データセット</translation>
    </message>
    <message>
        <source>{0} (download)</source>
        <translation>{0} (ダウンロード)</translation>
    </message>
    <message>
        <source>{0} (not installed)</source>
        <translation>{0} (未インストール)</translation>
    </message>
    <message>
        <source>(none chosen)</source>
        <translation>(未選択)</translation>
    </message>
    <message>
        <source>Choose a folder with one subfolder of images per class.</source>
        <translation>クラスごとに画像のサブフォルダーを持つフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>{0} を読み込み中…</translation>
    </message>
    <message>
        <source>{message} ({done:.1f} of {total:.1f} MB)</source>
        <translation>{message} ({done:.1f} / {total:.1f} MB)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>No dataset loaded.</source>
        <translation>データセットが読み込まれていません。</translation>
    </message>
    <message>
        <source>{train} training and {test} test samples · input {shape} · {count} classes</source>
        <translation>訓練 {train} 件、テスト {test} 件 · 入力 {shape} · {count} クラス</translation>
    </message>
    <message>
        <source>{train} training and {test} test samples · input {shape} · one target value</source>
        <translation>訓練 {train} 件、テスト {test} 件 · 入力 {shape} · 目標値 1 個</translation>
    </message>
    <message>
        <source>{train} training and {test} test samples · input {shape} · {count} target values</source>
        <translation>訓練 {train} 件、テスト {test} 件 · 入力 {shape} · 目標値 {count} 個</translation>
    </message>
    <message>
        <source>Choose a folder with one subfolder per class</source>
        <translation>クラスごとのサブフォルダーを持つフォルダーを選択</translation>
    </message>
</context>
<context>
    <name>DecisionBoundaryView</name>
    <message>
        <source>The network&apos;s prediction over the input plane: orange = class 0, blue = class 1, pale = unsure. Dots are training points.</source>
        <translation>入力平面上でのネットワークの予測です。オレンジ = クラス 0、青 = クラス 1、淡い色 = 確信が低い。点は訓練データです。</translation>
    </message>
    <message>
        <source>The network&apos;s prediction over the input plane: orange = negative, blue = positive. Dots are training points coloured by their target.</source>
        <translation>入力平面上でのネットワークの予測です。オレンジ = 負、青 = 正。点は訓練データで、目標値で色分けしています。</translation>
    </message>
</context>
<context>
    <name>LayerBuilder</name>
    <message>
        <source>units</source>
        <translation>ユニット</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>バイアス</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>フィルター</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>カーネル</translation>
    </message>
    <message>
        <source>stride</source>
        <translation>ストライド</translation>
    </message>
    <message>
        <source>padding</source>
        <translation>パディング</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>プール</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>function</source>
        <translation>関数</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add the chosen layer type after the selected layer.</source>
        <translation>選んだ種類の層を、選択中の層の後ろに追加します。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected layers (Delete).</source>
        <translation>選択中の層を削除します (Delete)。</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Insert a copy of the selected layers below them (Ctrl+D).</source>
        <translation>選択中の層のコピーをその下に挿入します (Ctrl+D)。</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上へ</translation>
    </message>
    <message>
        <source>Move the selected layers one place up (Alt+Up).</source>
        <translation>選択中の層を 1 つ上へ移動します (Alt+Up)。</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下へ</translation>
    </message>
    <message>
        <source>Move the selected layers one place down (Alt+Down).</source>
        <translation>選択中の層を 1 つ下へ移動します (Alt+Down)。</translation>
    </message>
    <message>
        <source>How the weights are set before training starts.</source>
        <translation>学習を始める前に重みをどう設定するかです。</translation>
    </message>
    <message>
        <source>Layer types</source>
        <translation>層の種類</translation>
    </message>
    <message>
        <source>Double-click a type, or drag it into the stack, to add a layer.</source>
        <translation>種類をダブルクリックするか、層の一覧へドラッグすると層を追加できます。</translation>
    </message>
    <message>
        <source>Weight initialisation:</source>
        <translation>重みの初期値:</translation>
    </message>
    <message>
        <source>The model has no layers — add at least one layer.</source>
        <translation>モデルに層がありません。少なくとも 1 つの層を追加してください。</translation>
    </message>
    <message>
        <source>Total parameters: {0}</source>
        <translation>パラメータ総数: {0}</translation>
    </message>
    <message>
        <source>Add {0}</source>
        <translation>{0} を追加</translation>
    </message>
    <message numerus="yes">
        <source>Insert %n layer(s)</source>
        <translation>
            <numerusform>層を %n 個挿入</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n layer(s)</source>
        <translation>
            <numerusform>層を %n 個移動</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove {0}</source>
        <translation>{0} を削除</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n layer(s)</source>
        <translation>
            <numerusform>層を %n 個削除</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n layer(s)</source>
        <translation>
            <numerusform>層を %n 個複製</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit layer {0} ({1})</source>
        <translation>層 {0} ({1}) を編集</translation>
    </message>
    <message>
        <source>Set weight initialisation to {0}</source>
        <translation>重みの初期値を {0} に設定</translation>
    </message>
</context>
<context>
    <name>LayerHelp</name>
    <message>
        <source>Fully connected layer: every input to every unit.</source>
        <translation>全結合層: すべての入力をすべてのユニットにつなぎます。</translation>
    </message>
    <message>
        <source>2-D convolution: small filters slid over the image; padding &apos;same&apos; keeps the size at stride 1.</source>
        <translation>2 次元の畳み込み層: 小さなフィルターを画像上でスライドさせます。パディング &apos;same&apos; ならストライド 1 で大きさが変わりません。</translation>
    </message>
    <message>
        <source>Keeps the largest value of each pool×pool window.</source>
        <translation>pool×pool の各ウィンドウの最大値を取ります (Max プーリング)。</translation>
    </message>
    <message>
        <source>Averages each pool×pool window.</source>
        <translation>pool×pool の各ウィンドウの平均を取ります (Average プーリング)。</translation>
    </message>
    <message>
        <source>Reshapes C×H×W feature maps into one vector for Dense layers.</source>
        <translation>C×H×W の特徴マップを、全結合 (Dense) 層に渡す 1 本のベクトルに変形します。</translation>
    </message>
    <message>
        <source>Zeroes a random fraction of activations while training (regularisation).</source>
        <translation>学習中、ニューロンの出力の一部をランダムに 0 にします (正則化)。</translation>
    </message>
    <message>
        <source>Normalises each feature over the batch; speeds up and stabilises training.</source>
        <translation>各特徴をミニバッチ単位で正規化します。学習が速く、安定します。</translation>
    </message>
    <message>
        <source>Applies a non-linearity element-wise.</source>
        <translation>非線形な活性化関数を要素ごとに適用します。</translation>
    </message>
    <message>
        <source>max(0, x): the default for hidden layers; fast and does not saturate for x &gt; 0.</source>
        <translation>max(0, x): 隠れ層の定番です。計算が速く、x &gt; 0 で飽和しません。</translation>
    </message>
    <message>
        <source>Like ReLU but with a small slope for x &lt; 0, so units never &apos;die&apos;.</source>
        <translation>ReLU に似ていますが x &lt; 0 でも小さな傾きがあるため、ユニットが「死ぬ」ことがありません。</translation>
    </message>
    <message>
        <source>Squashes to (0, 1); saturates, so gradients vanish in deep stacks.</source>
        <translation>値を (0, 1) に押し込めます。飽和するため、層が深いと勾配が消失します。</translation>
    </message>
    <message>
        <source>Squashes to (-1, 1); zero-centred, but saturates like Sigmoid.</source>
        <translation>値を (-1, 1) に押し込めます。0 が中心ですが、Sigmoid と同様に飽和します。</translation>
    </message>
    <message>
        <source>Smooth ReLU used in Transformers.</source>
        <translation>Transformer で使われる滑らかな ReLU です。</translation>
    </message>
    <message>
        <source>ReLU with a smooth negative part that pushes mean activations towards zero.</source>
        <translation>負の部分が滑らかな ReLU で、出力の平均を 0 に近づけます。</translation>
    </message>
    <message>
        <source>Turns scores into class probabilities; use once, as the last layer.</source>
        <translation>スコアをクラスの確率に変換します。最後の層として 1 回だけ使います。</translation>
    </message>
    <message>
        <source>Identity: no non-linearity (stacked linear layers stay linear).</source>
        <translation>恒等関数: 非線形性がありません (線形な層を重ねても線形のままです)。</translation>
    </message>
    <message>
        <source>He (Kaiming) normal: std sqrt(2/fan_in); the choice for ReLU networks.</source>
        <translation>He の初期値 (Kaiming、正規分布): 標準偏差 sqrt(2/fan_in)。ReLU を使うネットワーク向けです。</translation>
    </message>
    <message>
        <source>He (Kaiming) uniform: same variance as He normal, uniform distribution.</source>
        <translation>He の初期値 (Kaiming、一様分布): 正規分布版と同じ分散の一様分布です。</translation>
    </message>
    <message>
        <source>Xavier (Glorot) uniform: keeps variance for Sigmoid/Tanh networks.</source>
        <translation>Xavier の初期値 (Glorot、一様分布): Sigmoid/Tanh のネットワークで分散を保ちます。</translation>
    </message>
    <message>
        <source>Small normal (std 0.01): activations shrink layer by layer in deep nets.</source>
        <translation>小さな正規分布 (標準偏差 0.01): 深いネットワークでは層を進むごとに出力が小さくなります。</translation>
    </message>
    <message>
        <source>All zeros: every unit in a layer stays identical (the symmetry problem).</source>
        <translation>すべて 0: 層内のユニットがすべて同じままになります (対称性の問題)。</translation>
    </message>
    <message>
        <source>He normal</source>
        <translation>He の初期値 (正規分布)</translation>
    </message>
    <message>
        <source>He uniform</source>
        <translation>He の初期値 (一様分布)</translation>
    </message>
    <message>
        <source>Xavier (Glorot)</source>
        <translation>Xavier の初期値</translation>
    </message>
    <message>
        <source>Small normal (0.01)</source>
        <translation>小さな正規分布 (0.01)</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>すべて 0</translation>
    </message>
</context>
<context>
    <name>LayerStackModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Params</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>The layer&apos;s number; errors name layers by it.</source>
        <translation>層の番号です。エラーメッセージではこの番号で層を示します。</translation>
    </message>
    <message>
        <source>The layer type.</source>
        <translation>層の種類です。</translation>
    </message>
    <message>
        <source>The layer&apos;s settings; double-click or start typing to change them.</source>
        <translation>層の設定です。ダブルクリックするか入力を始めると変更できます。</translation>
    </message>
    <message>
        <source>The shape this layer outputs: features, or channels×height×width.</source>
        <translation>この層の出力の形状です: 特徴数、またはチャンネル×高さ×幅。</translation>
    </message>
    <message>
        <source>How many trainable parameters (weights and biases) the layer has.</source>
        <translation>この層の学習可能なパラメータ (重みとバイアス) の数です。</translation>
    </message>
    <message>
        <source>Double-click or start typing to change the settings.</source>
        <translation>ダブルクリックするか入力を始めると設定を変更できます。</translation>
    </message>
    <message>
        <source>no bias</source>
        <translation>バイアスなし</translation>
    </message>
    <message>
        <source>= pool</source>
        <translation>= プール</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Loading PyTorch…</source>
        <translation>PyTorch を読み込み中…</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>新規プロジェクト(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new project</source>
        <translation>新しいプロジェクトを始めます</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>プロジェクトファイルを開きます</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>プロジェクトを保存します</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>プロジェクトに名前を付けて保存します</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit the application</source>
        <translation>アプリケーションを終了します</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>学習(&amp;T)</translation>
    </message>
    <message>
        <source>Train the network with the current settings</source>
        <translation>現在の設定でネットワークを学習します</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume training</source>
        <translation>学習を一時停止または再開します</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop training and keep the best weights so far</source>
        <translation>学習を停止し、ここまでで最良の重みを残します</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>このアプリについて(&amp;A)</translation>
    </message>
    <message>
        <source>About this application</source>
        <translation>このアプリケーションの情報を表示します</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>プリセット(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの設定に従う</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Runs of this session. Tick a run to overlay its curves on the plots.</source>
        <translation>このセッションの実行結果です。チェックを入れると、その曲線をグラフに重ねて表示します。</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>実行結果</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>やり直し(&amp;R)</translation>
    </message>
    <message>
        <source>Unknown preset</source>
        <translation>不明なプリセット</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>Add layers to see the network.</source>
        <translation>層を追加するとネットワークが表示されます。</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Loss and optimizer</source>
        <translation>損失関数と最適化手法</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Cross-entropy for classification, MSE for regression.</source>
        <translation>分類には交差エントロピー誤差、回帰には MSE を使います。</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交差エントロピー誤差</translation>
    </message>
    <message>
        <source>Penalises confident wrong class probabilities; the loss for classification.</source>
        <translation>自信を持って間違えたクラス確率に大きな罰を与えます。分類に使う損失関数です。</translation>
    </message>
    <message>
        <source>Mean squared error (MSE)</source>
        <translation>平均二乗誤差 (MSE)</translation>
    </message>
    <message>
        <source>Average squared distance to the target; the loss for regression.</source>
        <translation>目標値との差の 2 乗の平均です。回帰に使う損失関数です。</translation>
    </message>
    <message>
        <source>What the network minimises; keep Automatic unless you want to compare losses.</source>
        <translation>ネットワークが最小化する量です。損失関数を比べたいとき以外は「自動」のままにします。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失関数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>最適化手法</translation>
    </message>
    <message>
        <source>Step size of each weight update; the arrows go ×2 / ÷2 (1-2-5 steps): too high diverges, too low crawls.</source>
        <translation>重みを 1 回更新するときの歩幅です。矢印で ×2 / ÷2 (1-2-5 刻み) に変わります。大きすぎると発散し、小さすぎると学習がなかなか進みません。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学習率のスケジュール</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <source>Training loop</source>
        <translation>学習ループ</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>ミニバッチ</translation>
    </message>
    <message>
        <source>One update per batch of samples: the usual compromise of speed and noise.</source>
        <translation>ミニバッチごとに 1 回更新します。速度とノイズのバランスが取れた一般的な方法です。</translation>
    </message>
    <message>
        <source>Full batch</source>
        <translation>フルバッチ</translation>
    </message>
    <message>
        <source>One update per epoch from all training samples: smooth but slow progress.</source>
        <translation>全訓練データから 1 エポックに 1 回更新します。滑らかですが、進みは遅くなります。</translation>
    </message>
    <message>
        <source>Stochastic (batch size 1)</source>
        <translation>確率的 (バッチサイズ 1)</translation>
    </message>
    <message>
        <source>One update per sample: very noisy steps, slow on large datasets.</source>
        <translation>サンプルごとに 1 回更新します。更新のノイズが非常に大きく、大きなデータセットでは遅くなります。</translation>
    </message>
    <message>
        <source>How many samples each gradient step averages over; compare the three to see why mini-batches won.</source>
        <translation>勾配の 1 ステップで何個のサンプルを平均するかです。3 つを比べると、ミニバッチが主流になった理由がわかります。</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>勾配降下法</translation>
    </message>
    <message>
        <source>Samples per mini-batch; larger batches run faster per sample but give less noisy, fewer steps.</source>
        <translation>ミニバッチあたりのサンプル数です。大きいほどサンプルあたりの処理は速くなりますが、更新はノイズが少なく、回数も減ります。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <source>Passes over the training data; raise it while the validation loss still falls.</source>
        <translation>訓練データを何周するかです。検証データの損失が下がり続けている間は増やしましょう。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>エポック数</translation>
    </message>
    <message>
        <source>Seeds weight initialisation and shuffling, so the same seed repeats a run; change it to see the spread.</source>
        <translation>重みの初期値とシャッフルに使う乱数のシードです。同じシードなら同じ結果を再現できます。変えると結果のばらつきがわかります。</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>乱数シード</translation>
    </message>
    <message>
        <source>Auto (GPU if present)</source>
        <translation>自動 (GPU があれば使用)</translation>
    </message>
    <message>
        <source>Where training runs; Auto picks a CUDA or Apple GPU when there is one, else the CPU.</source>
        <translation>学習を実行するデバイスです。「自動」は CUDA または Apple の GPU があればそれを、なければ CPU を使います。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <source>Mixed precision (bf16)</source>
        <translation>混合精度 (bf16)</translation>
    </message>
    <message>
        <source>Computes in bfloat16 on CUDA GPUs for speed at a tiny cost in precision; ignored elsewhere.</source>
        <translation>CUDA GPU では bfloat16 で計算し、わずかな精度と引き換えに高速化します。それ以外では無視されます。</translation>
    </message>
    <message>
        <source>Regularisation</source>
        <translation>正則化</translation>
    </message>
    <message>
        <source>Adds strength × the sum of |weights| to the loss, pushing many weights to exactly zero (sparse models).</source>
        <translation>強さ × |重み| の総和を損失に加えます。多くの重みがちょうど 0 になります (スパースなモデル)。</translation>
    </message>
    <message>
        <source>L1 strength</source>
        <translation>L1 正則化の強さ</translation>
    </message>
    <message>
        <source>Adds strength/2 × the sum of squared weights to the loss to keep weights small; with Adam the penalty is rescaled per weight, so prefer AdamW&apos;s decoupled weight_decay there.</source>
        <translation>強さ/2 × 重みの 2 乗和を損失に加え、重みを小さく保ちます (荷重減衰)。Adam ではこのペナルティが重みごとにスケールされてしまうので、AdamW の分離された weight_decay を使いましょう。</translation>
    </message>
    <message>
        <source>L2 strength</source>
        <translation>L2 正則化の強さ</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>Scales the gradient down when its overall norm exceeds this (0 = off); use it when the loss spikes.</source>
        <translation>勾配全体のノルムがこの値を超えたら勾配を縮小します (0 = オフ)。損失が急に跳ね上がるときに使います。</translation>
    </message>
    <message>
        <source>Gradient clipping</source>
        <translation>勾配クリッピング</translation>
    </message>
    <message>
        <source>Stop early</source>
        <translation>早期終了する</translation>
    </message>
    <message>
        <source>Ends training when the monitored validation metric stops improving; needs a validation split.</source>
        <translation>監視する検証指標が改善しなくなったら学習を終了します。検証データが必要です。</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>早期終了</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>検証データの損失</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>検証データの正解率</translation>
    </message>
    <message>
        <source>The metric early stopping watches; accuracy only exists for classification.</source>
        <translation>早期終了で監視する指標です。正解率は分類でのみ使えます。</translation>
    </message>
    <message>
        <source>Monitor</source>
        <translation>監視する指標</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> エポック</translation>
    </message>
    <message>
        <source>Epochs without improvement before training stops; larger values ride out noisy curves.</source>
        <translation>改善のないエポックがいくつ続いたら学習を止めるかです。大きくすると、ノイズの多い曲線でも早まって止まりません。</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>許容エポック数</translation>
    </message>
    <message>
        <source>The smallest change of the metric that counts as an improvement; 0 counts any change.</source>
        <translation>改善とみなす指標の最小の変化量です。0 ならどんな変化も改善とみなします。</translation>
    </message>
    <message>
        <source>Minimum improvement</source>
        <translation>最小改善量</translation>
    </message>
    <message>
        <source>Restore the best weights</source>
        <translation>最良の重みに戻す</translation>
    </message>
    <message>
        <source>After stopping, go back to the weights of the best epoch instead of keeping the last ones.</source>
        <translation>終了後、最後の重みではなく、最も良かったエポックの重みに戻します。</translation>
    </message>
    <message>
        <source>{0} (from the loaded settings)</source>
        <translation>{0} (読み込んだ設定から)</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>train (per batch, smoothed)</source>
        <translation>訓練 (バッチごと、平滑化)</translation>
    </message>
    <message>
        <source>train (epoch)</source>
        <translation>訓練 (エポックごと)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>正解率</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>Learning rate of each batch, as set by the schedule</source>
        <translation>スケジュールで決まる各バッチの学習率</translation>
    </message>
    <message>
        <source>{0}: validation</source>
        <translation>{0}: 検証</translation>
    </message>
    <message>
        <source>{0}: train</source>
        <translation>{0}: 訓練</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Training ran out of memory. Lower the batch size, use a smaller model or train on the CPU.</source>
        <translation>学習中にメモリが不足しました。バッチサイズを小さくするか、より小さなモデルを使うか、CPU で学習してください。</translation>
    </message>
    <message>
        <source>Training failed: {0}: {1}</source>
        <translation>学習に失敗しました: {0}: {1}</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <source>Untitled</source>
        <translation>無題</translation>
    </message>
    <message>
        <source>Waiting for the dataset to load</source>
        <translation>データセットの読み込みを待っています</translation>
    </message>
    <message>
        <source>Train the network with the current settings (Ctrl+Return)</source>
        <translation>現在の設定でネットワークを学習します (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Cannot train yet</source>
        <translation>まだ学習できません</translation>
    </message>
    <message>
        <source>Training {0} for {1} epochs…</source>
        <translation>{0} を {1} エポック学習しています…</translation>
    </message>
    <message>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>学習中…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止中…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Epoch {0}/{1}</source>
        <translation>エポック {0}/{1}</translation>
    </message>
    <message>
        <source>{0:,.0f} samples/s</source>
        <translation>{0:,.0f} サンプル/秒</translation>
    </message>
    <message>
        <source>ETA {0}</source>
        <translation>残り {0}</translation>
    </message>
    <message>
        <source>Epoch {0}: loss {1:.4f}</source>
        <translation>エポック {0}: 損失 {1:.4f}</translation>
    </message>
    <message>
        <source>, accuracy {0:.2%}</source>
        <translation>, 正解率 {0:.2%}</translation>
    </message>
    <message>
        <source>, val_loss {0:.4f}</source>
        <translation>, 検証損失 {0:.4f}</translation>
    </message>
    <message>
        <source>, val_accuracy {0:.2%}</source>
        <translation>, 検証正解率 {0:.2%}</translation>
    </message>
    <message>
        <source>Test accuracy {0:.2%} (loss {1:.4f})</source>
        <translation>テストデータの正解率 {0:.2%} (損失 {1:.4f})</translation>
    </message>
    <message>
        <source>Test loss {0:.4f}</source>
        <translation>テストデータの損失 {0:.4f}</translation>
    </message>
    <message>
        <source>No test result</source>
        <translation>テスト結果なし</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>発散</translation>
    </message>
    <message>
        <source>{0} epochs, {1:.1f} s</source>
        <translation>{0} エポック, {1:.1f} 秒</translation>
    </message>
    <message>
        <source>Run {0}</source>
        <translation>実行 {0}</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>学習が発散しました</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>学習に失敗しました</translation>
    </message>
    <message>
        <source>Check the settings named above. If the problem persists, the details below help a bug report.</source>
        <translation>上に示した設定を確認してください。それでも解決しない場合は、下の詳細をバグ報告に添えてください。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存の変更</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them first?</source>
        <translation>プロジェクトに未保存の変更があります。先に保存しますか？</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>Stop training and close? The run so far will be kept in the project.</source>
        <translation>学習を停止して閉じますか？ここまでの実行結果はプロジェクトに残ります。</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>プロジェクトを開く</translation>
    </message>
    <message>
        <source>Playground projects (*{0})</source>
        <translation>Playground プロジェクト (*{0})</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>プロジェクトを開けません</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>{0} を開きました</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>プロジェクトを保存</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>プロジェクトを保存できません</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} を保存しました</translation>
    </message>
    <message>
        <source>Preset {0}: {1}</source>
        <translation>プリセット {0}: {1}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>The language changes when the application restarts. Restart now?</source>
        <translation>言語はアプリケーションの再起動後に切り替わります。今すぐ再起動しますか？</translation>
    </message>
    <message>
        <source>About Neural Network Playground</source>
        <translation>Neural Network Playground について</translation>
    </message>
    <message>
        <source>Neural Network Playground {0}
Learn deep learning by doing it.
Languages: {1}</source>
        <translation>Neural Network Playground {0}
手を動かしてディープラーニングを学ぼう。
言語: {1}</translation>
    </message>
    <message numerus="yes">
        <source>%n class(es)</source>
        <translation>
            <numerusform>%n クラス</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n target(s)</source>
        <translation>
            <numerusform>目的変数 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Dataset: {0}: {1} train / {2} test, input {3}, {4}</source>
        <translation>データセット: {0}: 訓練 {1} 件 / テスト {2} 件、入力 {3}、{4}</translation>
    </message>
    <message>
        <source>Training diverged: the loss became NaN or infinite. Lower the learning rate (now {0:g}), e.g. by 10×, or turn on gradient clipping.</source>
        <translation>学習が発散しました。損失が NaN または無限大になりました。学習率 (現在 {0:g}) を 1/10 などに下げるか、勾配クリッピングを有効にしてください。</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n complete epoch(s).</source>
        <translation>
            <numerusform>%n エポックを終えたところで停止しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>the validation loss</source>
        <translation>検証データの損失</translation>
    </message>
    <message>
        <source>the validation accuracy</source>
        <translation>検証データの正解率</translation>
    </message>
    <message>
        <source>Early stopping after epoch {0}: {1} has not improved for {2} epochs.</source>
        <translation>エポック {0} で早期終了しました。{1}が {2} エポックの間改善しませんでした。</translation>
    </message>
    <message numerus="yes">
        <source>Completed %n epoch(s).</source>
        <translation>
            <numerusform>%n エポックの学習を完了しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Kept the best weights (epoch {0}).</source>
        <translation>最良の重み (エポック {0}) を残しました。</translation>
    </message>
</context>
<context>
    <name>_LoadWorker</name>
    <message>
        <source>Loading failed unexpectedly: {0}</source>
        <translation>読み込み中に予期しないエラーが発生しました: {0}</translation>
    </message>
</context>
<context>
    <name>_ParamsEditor</name>
    <message>
        <source>How many units (neurons) the layer has.</source>
        <translation>層のユニット (ニューロン) の数です。</translation>
    </message>
    <message>
        <source>Whether each unit adds a learned constant (bias).</source>
        <translation>各ユニットが学習される定数 (バイアス) を加えるかどうかです。</translation>
    </message>
    <message>
        <source>How many filters, that is output channels, the layer learns.</source>
        <translation>層が学習するフィルターの数、つまり出力チャンネル数です。</translation>
    </message>
    <message>
        <source>The width and height of each filter in pixels.</source>
        <translation>各フィルターの幅と高さ (ピクセル) です。</translation>
    </message>
    <message>
        <source>How many pixels the filter moves at each step.</source>
        <translation>フィルターを 1 回に何ピクセル動かすかです。</translation>
    </message>
    <message>
        <source>Pads the border so the output keeps the input&apos;s size (stride 1 only).</source>
        <translation>出力が入力と同じ大きさになるよう周囲をパディングします (ストライド 1 のときのみ)。</translation>
    </message>
    <message>
        <source>No padding: the output shrinks by the kernel size minus one.</source>
        <translation>パディングなし: 出力は (カーネルサイズ − 1) だけ小さくなります。</translation>
    </message>
    <message>
        <source>How the image border is padded before the filters slide over it.</source>
        <translation>フィルターをスライドさせる前に、画像の周囲をどうパディングするかです。</translation>
    </message>
    <message>
        <source>The width and height of each pooling window.</source>
        <translation>プーリングの各ウィンドウの幅と高さです。</translation>
    </message>
    <message>
        <source>How far the window moves at each step; &apos;= pool&apos; moves it by its own size.</source>
        <translation>ウィンドウを 1 回にどれだけ動かすかです。「= プール」ならウィンドウ自身の大きさだけ動かします。</translation>
    </message>
    <message>
        <source>= pool</source>
        <translation>= プール</translation>
    </message>
    <message>
        <source>The fraction of activations zeroed at each training step.</source>
        <translation>学習の各ステップで 0 にする出力の割合です。</translation>
    </message>
    <message>
        <source>The non-linearity applied to every value.</source>
        <translation>各値に適用する非線形の活性化関数です。</translation>
    </message>
</context>
</TS>
