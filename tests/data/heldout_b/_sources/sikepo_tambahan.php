 <?php $this->load->view("partial/header.php") ?>
<?php $this->load->view("partial/sidebar.php") ?>
 <main role="main" class="col-md-9 ml-sm-auto col-lg-10 px-md-4">
      <div class="d-flex justify-content-between flex-wrap flex-md-nowrap align-items-center pt-3 pb-2 mb-3 border-bottom">
       
      </div>
      <div class="row my-3">
        <div class="col">
            <h5>Indikator Kinerja Tambahan</h5>
            <h6>Balai Karantina Pertanian Kelas II Yogyakarta Tahun 2020</h6>
        </div>
      </div>
      <div class='card'>
        <div class="table-responsive">
 <table class="table table-hover">
  <thead>
    <tr>
      <th scope="col">No.</th>
      <th scope="col">Indikator Kinerja Tambahan</th>
      <th scope="col">Target</th>
      <th scope="col">Capaian</th>
      <th scope="col">Evaluasi/Tindak lanjut</th>
    </tr>
  </thead>
  <tbody>
    <tr>
      <th scope="row">1</th>
      <td>Menjadi lembaga pelayanan publik dengan indeks dan survey kepuasan masyarakat mencapai nilai 84 melalui metode wawancara</td>
      <td>84</td>
      <td>86</td>
      <td>Tercapai</td>
    </tr>
    <tr>

      <th scope="row">2</th>
      <td>Menjadi instansi pelayanan publik dengan tingkat gratifikasi dan pungutan liar 0%</td>
      <td>0%</td>
      <td>0%</td>
      <td>Tercapai</td>
    </tr>
    <tr>
      <th scope="row">3</th>
      <td>Laporan indikasi suap dan pungutan liar yang dilaporkan dari pihak eksternal dan internal  sebesar 0 %</td>
      <td>0%</td>
      <td>0%</td>
      <td>Tercapai</td>
    </tr>
    <tr>
      <th scope="row">4</th>
      <td>Tercapainya realisasi ketepatan pengelolaan dan penyetoran 1x24 jam PNBP Balai Karantina Pertanian Kelas II Yogyakarta ke kas Negara melalui Aplikasi SIMPONI BARANTAN hingga 95 % tahun 2019 dengan menggunakan EDC untuk mengurangi penggunaan uang Cash.</td>
      <td>95</td>
      <td>98</td>
      <td>Tercapai</td>
    </tr>
     <tr class="table-danger">
      <th scope="row">5</th>
      <td>Peningkatan kompetensi pegawai minimal 24 jam per orang</td>
      <td>24</td>
      <td>22</td>
      <td>Belum Tercapai karena adanya kebijakan WFH, ditindaklanjuti dengan MonJob (Magang On the Job)</td>
    </tr>
    <tr>
      <th scope="row">6</th>
      <td>Pelaksanaan kontrak pengadaan barang dan jasa disertai penandatanganan pakta integritas 100%</td>
      <td>100%</td>
      <td>100%</td>
      <td>Tercapai</td>
    </tr>
    <tr>
      <th scope="row">7</th>
      <td>Tingkat ketepatan waktu kehadiran pegawai 90%</td>
       <td>90</td>
      <td>92</td>
      <td>Tercapai</td>
    </tr>
     <tr class="table-danger">
      <th scope="row">8</th>
      <td>Tingkat realisasi anggaran dan keuangan pada bulan Desember sebesar 99%</td>
       <td>99%</td>
      <td>81%</td>
      <td>Belum Tercapai (realisasi s.d. Oktober 82 %)</td>
    </tr>
    <tr class="table-danger">
      <th scope="row">9</th>
      <td>Menjadi Instansi yang memperoleh predikat WBBM sesuai dengan Permenpan 52 tahun 2015 dengan nilai Minimal 95.00</td>
       <td>95</td>
      <td>92</td>
      <td>Belum Tercapai, dalam proses peningkatan dan penilaian</td>
    </tr>
    <tr>
      <th scope="row">10</th>
      <td>Pelaporan pegawai yang menerima gratifikasi kedinasan yang dilaporkan kepada Unit Pengelola Gratifikasi 100 %</td>
       <td>100%</td>
      <td>100%</td>
      <td>Tercapai</td>
    </tr>
     <tr>
      <th scope="row">11</th>
      <td>Terwujudnya peningkatan komitmen dan partisipasi penerapan system manajemen anti penyuapan kepada pemangku kepentingan eksternal dengan penandatanganan pakta integritas pemeriksaan oleh 25 Pengguna Jasa tetap Karantina Pertanian</td>
       <td>25</td>
      <td>48</td>
      <td>Tercapai</td>
    </tr>
     <tr>
      <th scope="row">12</th>
      <td>Tercapainya target 100% Penerimaan Negara Bukan Pajak sebesar Rp. 1.500.000.000,- pada tahun 2020</td>
      <td>100%</td>
      <td>99%</td>
      <td>Tercapai</td>
    </tr>
     <tr>
      <th scope="row">13</th>
      <td>Penerapan lesspaper office dengan tingkat penghematan pemakaian kertas sebesar 25% pertahun</td>
      <td>25%</td>
      <td>38% (Evaluasi Semester I)</td>
      <td>Tercapai</td>
    </tr>
     <tr>
      <th scope="row">14</th>
      <td>Tingkat kesalahan pencetakan dokumen batal (operasional KH dan KT) maksimal 1 % per bulan</td>
      <td>1%</td>
      <td>0,26 % </td>
      <td>Tercapai</td>
    </tr>
  </tbody>
</table>
</div>
</div>
    </main>
  </div>
</div>

<script src="<?php echo base_url();?>assets/js/jquery-3.5.1.slim.min.js"></script>
<script src="<?php echo base_url();?>assets/bootstrap4/js/bootstrap.bundle.min.js"></script>
</body>
</html>